import "server-only";
// Settings → Status page: each delivery of a published update to the outgoing webhooks, read from where the
// outbox records it (the Notification row of channel "webhook", one per update and webhook, and its
// NotificationAttempt rows): when, to which URL, the HTTP status or the error, how many attempts. Admins only:
// a webhook URL may carry a credential in its path.
import { prisma } from "../db";
import { requirePermission, type Actor } from "../actor";
import { attemptHttpStatus, webhookDeliveryState } from "@/lib/domain/status/webhook-delivery";
import type { DeliveryState } from "@/lib/domain/delivery-state";
import { WEBHOOK_CHANNEL } from "./channels";

export const WEBHOOK_DELIVERIES_DEFAULT = 50;

export interface WebhookAttemptDto {
  at: string;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDeliveryDto {
  id: string;
  webhookId: string | null;
  target: string;
  /** the delivered update: its incident and public status, read from the body that was (to be) sent */
  incidentId: number | null;
  updateStatus: string | null;
  state: DeliveryState;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  /** of the last attempt */
  httpStatus: number | null;
  /** of the last attempt when it failed */
  error: string | null;
  history: WebhookAttemptDto[];
}

/** The key publish.ts gives each webhook's row: `status-update:<update id>|webhook|<webhook id>`. */
const KEY_MARK = "|webhook|";

function updateOf(body: string): { incidentId: number | null; status: string | null } {
  try {
    const parsed = JSON.parse(body) as { incidentId?: unknown; status?: unknown };
    return {
      incidentId: typeof parsed.incidentId === "number" ? parsed.incidentId : null,
      status: typeof parsed.status === "string" ? parsed.status : null,
    };
  } catch {
    return { incidentId: null, status: null };
  }
}

/** Newest first; `webhookId` keeps one webhook's deliveries (a removed webhook's stay readable). */
export async function listWebhookDeliveries(
  actor: Actor,
  options: { webhookId?: string; limit?: number } = {},
): Promise<WebhookDeliveryDto[]> {
  requirePermission(actor, "settings.manage");
  const rows = await prisma.notification.findMany({
    where: {
      channel: WEBHOOK_CHANNEL,
      ...(options.webhookId ? { idempotencyKey: { endsWith: `${KEY_MARK}${options.webhookId}` } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? WEBHOOK_DELIVERIES_DEFAULT,
    include: { deliveries: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
  });
  return rows.map((row) => {
    const history = row.deliveries.map((a) => ({
      at: a.at.toISOString(),
      ok: a.ok,
      httpStatus: attemptHttpStatus(a),
      error: a.ok ? null : a.error,
      durationMs: a.durationMs,
    }));
    const last = history.at(-1) ?? null;
    const update = updateOf(row.body);
    const mark = row.idempotencyKey.lastIndexOf(KEY_MARK);
    return {
      id: row.id,
      webhookId: mark >= 0 ? row.idempotencyKey.slice(mark + KEY_MARK.length) : null,
      target: row.target,
      incidentId: update.incidentId,
      updateStatus: update.status,
      state: webhookDeliveryState(row),
      attempts: row.attempts,
      createdAt: row.createdAt.toISOString(),
      lastAttemptAt: last?.at ?? null,
      httpStatus: last?.httpStatus ?? null,
      error: last?.error ?? (row.status === "sent" ? null : row.lastError),
      history,
    };
  });
}
