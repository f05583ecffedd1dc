// A browser's Web Push subscription as PushSubscription.toJSON() gives it (W3C Push API), checked before it is
// stored: the server will later POST to the endpoint, so only an https URL without credentials is taken, and the
// keys must have the sizes RFC 8291 requires (a 65-byte uncompressed P-256 point and a 16-byte auth secret).
import { z } from "zod";
import { safeString } from "../safe-text";

/** base64url (padding tolerated) of 65 bytes starting 0x04 ("B…"): 87 characters. */
const P256DH = /^B[A-Za-z0-9_-]{86}=?$/;
/** base64url of 16 bytes: 22 characters. */
const AUTH = /^[A-Za-z0-9_-]{22}(==)?$/;
export const MAX_ENDPOINT_LENGTH = 1000;

export function isPushEndpoint(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && !url.username && !url.password && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const pushSubscriptionInput = z.strictObject({
  endpoint: safeString()
    .trim()
    .max(MAX_ENDPOINT_LENGTH)
    .refine(isPushEndpoint, "endpoint: the push service's https URL from PushSubscription.toJSON()."),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: z.string().regex(P256DH, "keys.p256dh: the base64url P-256 public key (65 bytes) of the subscription."),
    auth: z.string().regex(AUTH, "keys.auth: the base64url 16-byte auth secret of the subscription."),
  }),
  /** how the device names itself in the list (the page sends a short form of its user agent) */
  label: safeString().trim().max(80).default(""),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

export const pushUnsubscribeInput = z.strictObject({
  endpoint: safeString().trim().max(MAX_ENDPOINT_LENGTH).min(1),
});

/** What the service worker receives in a push (kept well under the 4 KB push services accept). */
export interface PushPayload {
  v: 1;
  /** "incident:12|escalation:…|push|<device>": the notification's tag, so a repeat replaces rather than stacks */
  tag: string;
  title: string;
  body: string;
  severity: string;
  incidentId: string;
  /** the incident room */
  url: string | null;
  /** the signed single-use acknowledge link (POST /api/ack/{token} spends it) */
  ack: { url: string; api: string } | null;
  /** the words the service worker shows, in the language the payload was written in */
  labels: { acknowledge: string; open: string; acknowledged: string; failed: string };
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The payload for one device: the texts in both languages are too long for one push, so the page's Korean
 * title and the English line under it (the app's default language first, as in email and SMS).
 */
export function pushPayload(
  delivery: {
    idempotencyKey: string;
    incidentId: string;
    severity: string;
    subject: { ko: string; en: string };
    message: { ko: string; en: string };
    link?: string;
    ack?: { url: string; token: string };
  },
  labels: PushPayload["labels"],
): PushPayload {
  const ackApi = delivery.ack ? ackApiUrl(delivery.ack.url, delivery.ack.token) : null;
  return {
    v: 1,
    tag: cut(delivery.idempotencyKey, 200),
    title: cut(delivery.subject.ko, 120),
    body: cut(`${delivery.message.ko}\n${delivery.message.en}`, 600),
    severity: delivery.severity,
    incidentId: delivery.incidentId,
    url: delivery.link ?? null,
    ack: delivery.ack && ackApi ? { url: delivery.ack.url, api: ackApi } : null,
    labels,
  };
}

/** https://app/ack/{token} → https://app/api/ack/{token}: the endpoint the /ack page itself posts to. */
export function ackApiUrl(ackUrl: string, token: string): string | null {
  try {
    const url = new URL(ackUrl);
    return `${url.origin}/api/ack/${encodeURIComponent(token)}`;
  } catch {
    return null;
  }
}
