// One delivery of a published update to a status webhook, as admins read it in Settings → Status page. The
// outbox records each attempt (NotificationAttempt): a success with the provider "webhook:http:<status>", a
// failure with the error "webhook answered <status>: …" or a network error; this reads the HTTP status back.
// Pure: the caller passes the recorded columns.
import type { DeliveryState } from "@/lib/domain/delivery-state";

export interface RecordedAttempt {
  ok: boolean;
  providerId: string | null;
  error: string | null;
}

/** The HTTP status the webhook answered on this attempt; null when it never answered (network error, timeout). */
export function attemptHttpStatus(attempt: RecordedAttempt): number | null {
  const m = attempt.ok ? /(?:^|:)http:(\d{3})$/.exec(attempt.providerId ?? "") : /^webhook answered (\d{3})\b/.exec(attempt.error ?? "");
  return m ? Number(m[1]) : null;
}

/**
 * delivered · pending (no attempt yet) · sending (a deliverer holds it now) · retrying (failed, next attempt
 * scheduled) · failed (given up). Webhooks are never held for business hours nor kept in the app only.
 */
export function webhookDeliveryState(row: { status: string; attempts: number }): DeliveryState {
  if (row.status === "sent") return "delivered";
  if (row.status === "failed" || row.status === "sending") return row.status;
  return row.attempts > 0 ? "retrying" : "pending";
}
