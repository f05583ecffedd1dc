import "server-only";
// The outbox: every planned delivery becomes a Notification row with its deterministic idempotency key
// (unique), written in the same transaction as the fact that caused it. Delivery happens later, from the
// rows (deliverer.ts), so a crash can neither lose a page nor send it twice from a replayed event.
import type { DB } from "../db";
import type { Notification } from "@/lib/generated/prisma/client";
import type { Delivery } from "@/lib/domain/notification-plan";
import { env } from "../env";
import { toJsonValue } from "../json";
import { insertRows, newRowId, type RowDb } from "../sql-rows";

type Tx = Pick<DB, "notification"> & RowDb;

const NOTIFICATION_COLUMNS = [
  ["id", "text"],
  ["incidentId", "int"],
  ["idempotencyKey", "text"],
  ["event", "text"],
  ["channel", "text"],
  ["target", "text"],
  ["recipient", "text"],
  ["subject", "text"],
  ["body", "text"],
  ["payload", "json"],
  ["isDrill", "bool"],
  ["status", "text"],
  ["notBefore", "time"],
  ["nextAttemptAt", "time"],
  ["createdAt", "time"],
] as const;

/** What a Notification row's payload holds: the whole planned delivery, plus the firing it belongs to. */
interface StoredPayload {
  delivery: Omit<Delivery, "notBefore"> & { notBefore: string | null };
  fireKey: string | null;
}

export function incidentUrl(id: number): string | undefined {
  const base = env().NEXTAUTH_URL;
  return base ? `${base.replace(/\/+$/, "")}/incidents/${id}` : undefined;
}

export interface OutboxEntry {
  delivery: Delivery;
  /** null for notifications about no incident (a shift handoff) */
  incidentId: number | null;
  isDrill: boolean;
  /** the escalation firing it belongs to; absent for incident events */
  fireKey?: string;
}

/**
 * Writes the deliveries that are not in the outbox yet (one statement); returns how many were new. Keys
 * already present (a replayed event) are skipped, so writing the same event twice writes nothing the second time.
 * `newIncident`: the entries' incident was created in this very transaction, so none of their keys (which name
 * the incident) can be stored yet and there is nothing to look up.
 */
export async function writeOutbox(tx: Tx, entries: OutboxEntry[], now: Date, options: { newIncident?: boolean } = {}): Promise<number> {
  if (entries.length === 0) return 0;
  const existing = options.newIncident
    ? []
    : await tx.notification.findMany({
        where: { idempotencyKey: { in: entries.map((e) => e.delivery.idempotencyKey) } },
        select: { idempotencyKey: true },
      });
  const have = new Set(existing.map((e) => e.idempotencyKey));
  // (adding each key as it is taken also drops repeats within the batch)
  const fresh = entries.filter((e) => !have.has(e.delivery.idempotencyKey) && have.add(e.delivery.idempotencyKey));
  if (fresh.length === 0) return 0;
  // one statement for all (sql-rows.ts): every declaration and every escalation step writes these
  await insertRows(
    tx,
    "Notification",
    NOTIFICATION_COLUMNS,
    fresh.map(({ delivery: d, incidentId, isDrill, fireKey }) => {
      const payload: StoredPayload = { delivery: { ...d, notBefore: d.notBefore?.toISOString() ?? null }, fireKey: fireKey ?? null };
      return [
        newRowId(),
        incidentId,
        d.idempotencyKey,
        d.event,
        d.channel,
        d.to,
        d.recipient ? `${d.recipient.name || d.recipient.role} (${d.recipient.role})` : "",
        d.subject.ko,
        d.message.ko,
        toJsonValue(payload) as Record<string, unknown>,
        isDrill,
        "pending",
        d.notBefore,
        d.notBefore && d.notBefore > now ? d.notBefore : now,
        now,
      ];
    }),
  );
  return fresh.length;
}

function payloadOf(row: Pick<Notification, "payload">): Partial<StoredPayload> {
  return typeof row.payload === "object" && row.payload !== null ? (row.payload as Partial<StoredPayload>) : {};
}

export function fireKeyOf(row: Pick<Notification, "payload">): string | null {
  return payloadOf(row).fireKey ?? null;
}

/** The escalation step a page belongs to ("team_lead" for its first page and each reminder round). */
export const stepKeyOf = (row: Pick<Notification, "payload">): string | null => fireKeyOf(row)?.split("#")[0] ?? null;

/** The delivery to hand to a notifier, rebuilt from the row (columns win over the payload for what they hold). */
export function deliveryOf(row: Notification): Delivery {
  const stored = payloadOf(row).delivery;
  const text = (value: { ko?: string; en?: string } | undefined, fallback: string) => ({
    ko: value?.ko ?? fallback,
    en: value?.en ?? value?.ko ?? fallback,
  });
  return {
    idempotencyKey: row.idempotencyKey,
    incidentId: String(row.incidentId ?? stored?.incidentId ?? ""),
    event: (stored?.event ?? row.event) as Delivery["event"],
    channel: row.channel as Delivery["channel"],
    to: row.target,
    recipient: stored?.recipient ?? null,
    mentions: stored?.mentions ?? [],
    severity: stored?.severity ?? "P2",
    subject: text(stored?.subject, row.subject),
    message: text(stored?.message, row.body),
    ...(stored?.link ? { link: stored.link } : {}),
    ...(stored?.ack ? { ack: stored.ack } : {}),
    notBefore: row.notBefore,
  };
}

export function textsOf(row: Notification): { subject: { ko: string; en: string }; message: { ko: string; en: string } } {
  const d = deliveryOf(row);
  return { subject: d.subject, message: d.message };
}
