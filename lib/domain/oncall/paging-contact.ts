// Where the app pages a person who is on call: their phone (SMS and calls) and Slack member id.
import { z } from "zod";
import { safeString } from "../safe-text";

export const pagingContactInput = z.strictObject({
  phone: safeString()
    .trim()
    .max(32)
    .regex(/^(\+?[0-9][0-9 ()-]{5,30})?$/, "Phone: digits with an optional leading + and spaces or dashes, e.g. +82 10-1234-5678.")
    .default(""),
  slackHandle: safeString()
    .trim()
    .max(40)
    .regex(/^(U[A-Z0-9]{6,}|@[a-z0-9._-]+)?$/i, "Slack: a member id such as U0123ABCD (Profile → ⋯ → Copy member ID).")
    .default(""),
});
export type PagingContactInput = z.infer<typeof pagingContactInput>;
