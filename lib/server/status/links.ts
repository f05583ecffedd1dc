import "server-only";
// Signed links of the status page's email (confirm a subscription, unsubscribe): HMAC-SHA256 over the
// action, the subscriber id and an expiry, with a key derived from NEXTAUTH_SECRET; compared in constant
// time. Both actions are idempotent (confirming twice or unsubscribing twice changes nothing), so a link
// may be opened again; it carries no session and grants nothing else.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";

export type LinkAction = "confirm" | "unsubscribe";

const DAY_MS = 86_400_000;
/** a confirmation must happen soon; an unsubscribe link in an old email must still work */
export const LINK_TTL_MS: Record<LinkAction, number> = { confirm: 7 * DAY_MS, unsubscribe: 3650 * DAY_MS };

function key(): Buffer {
  const secret = env().NEXTAUTH_SECRET ?? "incident-command-development-secret-not-for-production";
  return createHmac("sha256", secret).update("status-page-links/v1").digest();
}

function mac(action: LinkAction, subscriberId: string, expires: number): string {
  return createHmac("sha256", key()).update(`${action}|${subscriberId}|${expires}`).digest("base64url");
}

/** "<subscriberId>.<expires base36>.<mac>" */
export function signLink(action: LinkAction, subscriberId: string, now: Date): string {
  const expires = Math.floor((now.getTime() + LINK_TTL_MS[action]) / 1000);
  return `${subscriberId}.${expires.toString(36)}.${mac(action, subscriberId, expires)}`;
}

export function verifyLink(action: LinkAction, token: string, now: Date): string | null {
  const m = /^([a-z0-9]{1,40})\.([a-z0-9]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const expires = parseInt(m[2], 36);
  const expected = Buffer.from(mac(action, m[1], expires));
  const given = Buffer.from(m[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (expires * 1000 < now.getTime()) return null;
  return m[1];
}

export function publicBaseUrl(): string {
  return (env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}
