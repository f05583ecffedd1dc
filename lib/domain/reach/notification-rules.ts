// A person's own notification rules (issue 14): per urgency an ordered list "push at once, SMS after 1 min, call
// after 3 min", replayed by every page of an escalation step (the first and each reminder round) until the step is
// acknowledged. Someone who set nothing gets the defaults, derived from the manual's channel table (3.2). Pure.
import { z } from "zod";
import { SEVERITY_CHANNELS } from "../escalation-matrix";
import type { Severity } from "../severity";
import { normalizeEmail, normalizePhone } from "./addresses";

export const URGENCIES = ["high", "low"] as const;
export type Urgency = (typeof URGENCIES)[number];
export const RULE_CHANNELS = ["push", "sms", "phone", "email"] as const;
export type RuleChannel = (typeof RULE_CHANNELS)[number];

export interface RuleEntry {
  channel: RuleChannel;
  /** minutes after the page fires */
  delayMinutes: number;
}
export type RuleSet = Record<Urgency, RuleEntry[]>;

export const MAX_RULES = 10;
export const MAX_DELAY_MINUTES = 60;
/**
 * The defaults call one minute after the other pages: the manual asks for SMS and a call at P0/P1, and the minute
 * lets someone who already holds the phone acknowledge the push or SMS before being rung.
 */
export const DEFAULT_CALL_DELAY_MINUTES = 1;

/** High = the manual's P0/P1 (SMS and phone, 3.2); low = P2/P3 (email). */
export const urgencyOf = (severity: Severity): Urgency => (severity === "P0" || severity === "P1" ? "high" : "low");

/**
 * The manual's per-person channels of the urgency's most severe level, plus push to the person's devices and email
 * (the acknowledge link's home and a record to read later), all at once except the call.
 */
function defaultsOf(severity: Severity): RuleEntry[] {
  const manual = SEVERITY_CHANNELS[severity].routes.map((r) => r.kind);
  const channels = RULE_CHANNELS.filter((c) => c === "push" || c === "email" || manual.includes(c));
  return channels
    .map((channel) => ({ channel, delayMinutes: channel === "phone" ? DEFAULT_CALL_DELAY_MINUTES : 0 }))
    .sort((a, b) => a.delayMinutes - b.delayMinutes);
}

/** high: push, SMS, email at once, a call after 1 min · low: push and email at once. */
export const DEFAULT_RULES: Readonly<RuleSet> = { high: defaultsOf("P0"), low: defaultsOf("P2") };

/** A person's list for the urgency: their own when they set one, else the default. */
export const rulesFor = (own: Partial<RuleSet> | undefined, urgency: Urgency): RuleEntry[] =>
  own?.[urgency]?.length ? own[urgency] : DEFAULT_RULES[urgency];

// ---- Validation (English here; lib/i18n/messages/ko.apiErrors.json holds each in Korean) ---------------------

const entry = z.strictObject({
  channel: z.enum(RULE_CHANNELS, { error: "Channel must be one of: push, sms, phone, email." }),
  delayMinutes: z
    .number({ error: "The delay is a whole number of minutes from 0 to 60." })
    .int("The delay is a whole number of minutes from 0 to 60.")
    .min(0, "The delay is a whole number of minutes from 0 to 60.")
    .max(MAX_DELAY_MINUTES, "The delay is a whole number of minutes from 0 to 60."),
});

/** An empty list means "the defaults". Ordered by delay; one entry per channel and delay. */
export const ruleList = z
  .array(entry)
  .max(MAX_RULES, "At most 10 steps per urgency.")
  .superRefine((list, ctx) => {
    list.forEach((e, i) => {
      if (i > 0 && e.delayMinutes < list[i - 1].delayMinutes) {
        ctx.addIssue({
          code: "custom",
          path: [i, "delayMinutes"],
          message: "Order the steps by delay: each waits at least as long as the one before.",
        });
      } else if (list.slice(0, i).some((p) => p.channel === e.channel && p.delayMinutes === e.delayMinutes)) {
        ctx.addIssue({ code: "custom", path: [i], message: "The same channel twice at the same delay: remove one." });
      }
    });
  });

export const notificationRulesInput = z.strictObject({ high: ruleList, low: ruleList });
export type NotificationRulesInput = z.infer<typeof notificationRulesInput>;

// ---- Expansion -------------------------------------------------------------------------------------------------

export interface PersonAddresses {
  phone: string;
  email: string;
  /** Web Push device ids: a push step goes to each */
  pushDevices?: string[];
}

export interface PersonalPage {
  channel: RuleChannel;
  /** normalized number or address, or the push device id */
  to: string;
  delayMinutes: number;
  /** firedAt + delay; null for "at once" */
  notBefore: Date | null;
}

export interface MissingAddress {
  channel: Exclude<RuleChannel, "push">;
  reason: "no phone number" | "no email address";
}

/**
 * The pages one round of a step sends to a person under `rules`, fired at `firedAt`. A push step without a device
 * sends nothing (no device is not an error: it is how most people start); a missing number or address is reported.
 */
export function personalPages(
  person: PersonAddresses,
  rules: readonly RuleEntry[],
  firedAt: Date,
): { pages: PersonalPage[]; missing: MissingAddress[] } {
  const pages: PersonalPage[] = [];
  const missing: MissingAddress[] = [];
  for (const { channel, delayMinutes } of rules) {
    const notBefore = delayMinutes > 0 ? new Date(firedAt.getTime() + delayMinutes * 60_000) : null;
    if (channel === "push") {
      for (const to of person.pushDevices ?? []) pages.push({ channel, to, delayMinutes, notBefore });
      continue;
    }
    const to = channel === "email" ? normalizeEmail(person.email) : normalizePhone(person.phone);
    if (to) pages.push({ channel, to, delayMinutes, notBefore });
    else if (!missing.some((m) => m.channel === channel))
      missing.push({ channel, reason: channel === "email" ? "no email address" : "no phone number" });
  }
  return { pages, missing };
}
