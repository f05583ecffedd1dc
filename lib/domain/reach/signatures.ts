// Request signatures of the chat and telephony providers, as they document them, and the signature of our own
// acknowledge links. Pure apart from node:crypto (no I/O, the clock is passed in). Every comparison is constant-time.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack refuses requests older than this itself and asks apps to do the same (replays). */
export const SLACK_MAX_AGE_MS = 5 * 60_000;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Slack: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the app's signing secret. */
export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export type SlackCheck = { ok: true } | { ok: false; reason: "missing" | "stale" | "mismatch" };

export function verifySlackRequest(input: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  body: string;
  now: Date;
}): SlackCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "missing" };
  // Both directions: a timestamp from the future is as suspicious as an old one.
  if (Math.abs(input.now.getTime() - Number(timestamp) * 1000) > SLACK_MAX_AGE_MS) return { ok: false, reason: "stale" };
  return sameText(slackSignature(input.secret, timestamp, input.body), signature) ? { ok: true } : { ok: false, reason: "mismatch" };
}

/**
 * Twilio: base64 HMAC-SHA1, keyed with the account's auth token, of the full URL Twilio requested followed by
 * every POST parameter name and value, sorted by name, concatenated without separators.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

export function verifyTwilioRequest(input: {
  authToken: string;
  url: string;
  params: Record<string, string>;
  signature: string | null;
}): boolean {
  if (!input.signature) return false;
  return sameText(twilioSignature(input.authToken, input.url, input.params), input.signature);
}

// ---- our acknowledge links ---------------------------------------------------------------------------

/** The link's secret part: `{id}.{signature}`, both base64url; 16 bytes of HMAC are plenty against guessing. */
export function signAckId(key: string, id: string): string {
  return `${id}.${createHmac("sha256", key).update(`ack:${id}`).digest().subarray(0, 16).toString("base64url")}`;
}

/** The link id when the token's signature is ours, else null (forged, truncated, or signed with another key). */
export function ackIdOf(key: string, token: string): string | null {
  const match = /^([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{10,64})$/.exec(token);
  if (!match) return null;
  return sameText(signAckId(key, match[1]), token) ? match[1] : null;
}
