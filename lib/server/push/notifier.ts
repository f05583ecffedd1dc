import "server-only";
// The Web Push channel of the outbox deliverer. web-push (the maintained library) encrypts the payload for the
// device (RFC 8291, aes128gcm) and signs the VAPID token (RFC 8292); the request itself goes out with fetch, so it
// gets the same timeout and failure classification as every other channel: 5xx, 429 and network errors are
// retried; 404 and 410 mean the browser dropped the subscription, so the device is removed and nothing is retried.
import webpush from "web-push";
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { classifyHttpFailure, parseRetryAfter } from "@/lib/domain/notification-plan";
import { pushPayload, type PushPayload } from "@/lib/domain/push/subscription";
import {
  bodyText,
  DEFAULT_TIMEOUT_MS,
  networkFailure,
  wrongChannel,
  type Delivery,
  type Notifier,
  type SendResult,
} from "@/lib/notify/types";
import { reachTranslator } from "../reach/messages";
import { vapidKeys, type VapidKeys } from "./vapid";

export interface PushNotifierOptions {
  timeoutMs?: number;
  /** how long the push service keeps an undelivered page (a phone switched off): a page is stale after an hour */
  ttlSeconds?: number;
  vapid?: () => VapidKeys;
}

/** The service worker's words, both languages in one line (the device's language is not known when it is sent). */
function labels(): PushPayload["labels"] {
  const ko = reachTranslator("ko"); // i18n-translator: ko = reach
  const en = reachTranslator("en"); // i18n-translator: en = reach
  return {
    acknowledge: `${ko("push.acknowledge")} (${en("push.acknowledge")})`,
    open: `${ko("push.open")} (${en("push.open")})`,
    acknowledged: `${ko("push.acknowledged")} / ${en("push.acknowledged")}`,
    failed: `${ko("push.failed")} / ${en("push.failed")}`,
  };
}

const text = (error: string) => error.slice(0, 500);

export function createPushNotifier(options: PushNotifierOptions = {}): Notifier {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    kind: "push",
    async send(delivery: Delivery): Promise<SendResult> {
      if (delivery.channel !== "push") return wrongChannel("push", delivery);
      const device = await prisma.pushSubscription.findUnique({ where: { id: delivery.to } });
      if (!device) return { ok: false, retryable: false, error: "the push device was removed (unsubscribed or expired)" };
      const vapid = (options.vapid ?? vapidKeys)();
      let request: { endpoint: string; headers: Record<string, string | number>; body: Buffer | null };
      try {
        request = webpush.generateRequestDetails(
          { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
          JSON.stringify(pushPayload(delivery, labels())),
          {
            vapidDetails: vapid,
            TTL: options.ttlSeconds ?? 3600,
            urgency: "high",
            contentEncoding: "aes128gcm",
          },
        ) as typeof request;
      } catch (error) {
        // a malformed stored key or VAPID pair: retrying cannot fix it
        return {
          ok: false,
          retryable: false,
          error: text(`push request not built: ${error instanceof Error ? error.message : String(error)}`),
        };
      }
      let response: Response;
      try {
        response = await fetch(request.endpoint, {
          method: "POST",
          headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
          body: request.body ? new Uint8Array(request.body) : null,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "error",
        });
      } catch (error) {
        const failure = networkFailure(error);
        await noteFailure(device.id, failure.ok ? "" : failure.error);
        return failure;
      }
      if (response.ok) {
        await prisma.pushSubscription.updateMany({ where: { id: device.id }, data: { lastSuccessAt: clockNow(), lastError: null } });
        const location = response.headers.get("location");
        return { ok: true, ...(location ? { providerId: location.slice(0, 200) } : {}) };
      }
      const body = await bodyText(response);
      if (response.status === 404 || response.status === 410) {
        await prisma.pushSubscription.deleteMany({ where: { id: device.id } });
        return {
          ok: false,
          retryable: false,
          error: text(`HTTP ${response.status}: the push subscription is gone; the device was removed`),
        };
      }
      const failure = classifyHttpFailure(response.status, body, parseRetryAfter(response.headers.get("retry-after"), clockNow()));
      await noteFailure(device.id, failure.error);
      return failure;
    },
  };
}

async function noteFailure(id: string, error: string): Promise<void> {
  await prisma.pushSubscription.updateMany({ where: { id }, data: { lastFailureAt: clockNow(), lastError: text(error) } });
}
