import { z } from "zod";
import { apiRoute } from "@/lib/server/api";
import { confirmVerificationCode } from "@/lib/server/reach/verify";

const input = z.strictObject({ code: z.string().max(20) });

/** Checks the code I typed: the right one verifies the method; returns my contact methods. */
export const POST = apiRoute({ body: input }, async ({ actor, params, body }) => confirmVerificationCode(actor, params.channel, body.code));
