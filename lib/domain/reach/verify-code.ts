// Verifying a contact method with a code sent through it: a 6-digit code, only its hash kept, good for 10 minutes,
// locked after 5 wrong tries, and bound to the address or number it was sent to — a changed value is not verified.
// Email gets the code by email, a phone number by SMS (the number is then trusted for SMS and calls alike). Slack and
// push devices are verified by acknowledging a test page (lib/domain/reach/readiness). Pure: the caller hands in the
// clock, the random digits and whether the typed code matched the stored hash.
import { oneOf } from "@/lib/domain/one-of";
/** The channels a code can be sent through. */
export const CODE_CHANNELS = ["email", "sms"] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_TRIES = 5;
/** A new code for the same method at most this often: one SMS a minute, not a loop of them. */
export const CODE_RESEND_MS = 60_000;
export const CODE_LENGTH = 6;

export const isCodeChannel = oneOf(CODE_CHANNELS);

/** `randomDigit` returns 0–9 (crypto.randomInt(10) on the server). */
export function newCode(randomDigit: () => number): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += String(randomDigit() % 10);
  return code;
}

/** What people type: spaces and dashes dropped ("123 456", "123-456"). Null when it cannot be a code. */
export function normalizeCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${CODE_LENGTH}}$`).test(code) ? code : null;
}

export interface PendingCode {
  target: string;
  createdAt: Date;
  expiresAt: Date;
  attempts: number;
  verifiedAt: Date | null;
}

export type CodeCheck =
  | { state: "verified" }
  /** no code was sent to the current value (none at all, or one for a value changed since) */
  | { state: "none" }
  | { state: "expired" }
  | { state: "locked" }
  | { state: "wrong"; triesLeft: number };

/**
 * Checking a typed code against the latest code sent for a method. `matches` says whether the code's hash matched;
 * it counts only while the code is live: an expired or locked code refuses even the right digits.
 */
export function checkCode(pending: PendingCode | null, currentTarget: string, at: Date, matches: boolean): CodeCheck {
  if (!pending || pending.verifiedAt || !currentTarget || pending.target !== currentTarget) return { state: "none" };
  if (pending.attempts >= CODE_MAX_TRIES) return { state: "locked" };
  if (pending.expiresAt.getTime() <= at.getTime()) return { state: "expired" };
  if (matches) return { state: "verified" };
  // this wrong try counts; the last one leaves 0 and the code is locked from then on
  return { state: "wrong", triesLeft: Math.max(0, CODE_MAX_TRIES - pending.attempts - 1) };
}

/** When a new code may be sent (null: now). A verified, expired or locked code does not hold the next one back. */
export function resendAllowedAt(latest: PendingCode | null, target: string, at: Date): Date | null {
  if (!latest || latest.target !== target || latest.verifiedAt) return null;
  const next = new Date(latest.createdAt.getTime() + CODE_RESEND_MS);
  return next.getTime() > at.getTime() ? next : null;
}
