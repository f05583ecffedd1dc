// Input shapes for the escalation feature's settings: the contacts directory (manual 6.1/6.3) and the
// business hours that hold P3 notifications (manual 3.2). Strict objects, messages a person can act on.
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { CONTACT_ROLES } from "./contacts";
import { DEFAULT_BUSINESS_HOURS, parseClock, type BusinessHours } from "./business-hours";
import { normalizePhone } from "./notification-plan";

const phone = safeString()
  .trim()
  .max(40, "Phone number is too long.")
  .refine((v) => v === "" || /^\+[1-9]\d{6,14}$/.test(normalizePhone(v)), {
    message: "Use the international format with the country code, e.g. +82 10-1234-5678 (SMS and calls need it).",
  });

const email = safeString()
  .trim()
  .max(200, "Email address is too long.")
  .refine((v) => v === "" || z.email().safeParse(v).success, { message: "Not an email address, e.g. lead@example.com." });

const slackHandle = safeString()
  .trim()
  .max(80, "Slack handle is too long.")
  .refine((v) => v === "" || /^@?[^\s<>|&@]{1,79}$/u.test(v), {
    message: "Use a Slack member ID (U0123ABCD, which Slack can mention) or @display-name, without spaces.",
  });

export const contactEntryInput = z.strictObject({
  /** present for an existing entry; absent for a new one */
  id: safeString().min(1).max(40).optional(),
  role: z.enum(CONTACT_ROLES, { error: `role must be one of: ${CONTACT_ROLES.join(", ")}.` }),
  name: safeString().trim().max(100, "Name is too long (at most 100 characters)."),
  phone,
  email,
  slackHandle,
});

/** The whole directory at once: entries not sent are removed, so the editor's view is what is stored. */
export const contactsInput = z.strictObject({
  contacts: z.array(contactEntryInput).max(100, "At most 100 contacts."),
});
export type ContactsInput = z.infer<typeof contactsInput>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function clockValid(v: string): boolean {
  try {
    parseClock(v);
    return true;
  } catch {
    return false;
  }
}

const clock = safeString().trim().refine(clockValid, { message: "Use HH:MM (24-hour), e.g. 09:00." });

export const businessHoursInput = z
  .strictObject({
    timeZone: safeString().trim().min(1).max(64).refine(isTimeZone, { message: "Unknown time zone; use an IANA name such as Asia/Seoul." }),
    start: clock,
    end: clock,
    days: z.array(z.number().int().min(1).max(7)).min(1, "Pick at least one business day.").max(7),
    holidays: z
      .array(safeString().regex(/^\d{4}-\d{2}-\d{2}$/, "Holidays are dates like 2026-12-25."))
      .max(366)
      .optional(),
  })
  .refine((v) => !clockValid(v.start) || !clockValid(v.end) || parseClock(v.start) < parseClock(v.end), {
    message: "Business hours must start before they end.",
    path: ["end"],
  });

/** A stored value that no longer validates falls back to the manual's default instead of breaking delivery. */
export function businessHoursOrDefault(value: unknown): BusinessHours {
  const parsed = businessHoursInput.safeParse(value);
  if (!parsed.success) return DEFAULT_BUSINESS_HOURS;
  const { holidays, ...rest } = parsed.data;
  return { ...rest, days: [...new Set(rest.days)].sort((a, b) => a - b), ...(holidays?.length ? { holidays } : {}) };
}
