import "server-only";
// The write side of the incident outbox: called INSIDE the transaction of an incident change, it writes
// one IncidentOutbox row per event and the notification rows the events cause. All of it commits with the
// change or none of it does: a database error here rolls the change back, and a process that dies right
// after the commit leaves rows that the dispatcher (dispatcher.ts) and the outbox deliverer pick up.
import type { IncidentEvent } from "../incident-events";
import { writeIncidentEventNotifications, type NotificationDb, type PreparedNotificationInput } from "../escalations/hooks";
import { commitClaimant } from "./kick";
import { insertRows, newRowId } from "../sql-rows";
import type { IncidentOutbox, Prisma } from "@/lib/generated/prisma/client";
import { toJsonValue } from "../json";

export { prepareNotificationInput as readBeforeRecording, type PreparedNotificationInput } from "../escalations/hooks";

/** The change's transaction: the outbox rows go in with one statement (sql-rows.ts), the pages through writeOutbox. */
export type OutboxDb = NotificationDb;

const OUTBOX_COLUMNS = [
  ["id", "text"],
  ["incidentId", "int"],
  ["kind", "text"],
  ["timelineEventId", "text"],
  ["payload", "json"],
  ["notifications", "int"],
  ["createdAt", "time"],
  ["availableAt", "time"],
  ["claimedBy", "text"],
  ["claimedAt", "time"],
] as const;

/** What a row's payload holds: the event minus what has its own column. */
export type StoredIncidentEvent = Omit<IncidentEvent, "incidentId" | "kind" | "at" | "timelineEventId">;

/** The outbox rows a change wrote, as the dispatcher handles them after the commit (kick.ts). */
export interface RecordedEvents {
  rows: Pick<IncidentOutbox, "id" | "incidentId" | "kind" | "createdAt" | "timelineEventId" | "payload" | "attempts">[];
  /** the dispatcher instance that holds them already (claimedAt = the change's time), or null: the loop takes them */
  claimedBy: string | null;
}

/**
 * Writes the events and their notifications with `tx`; returns the outbox rows, for the dispatcher.
 * `written`: notification rows the caller wrote itself in this transaction, per event (a status page update);
 * `prepared`: what the caller has read already for planning the notifications.
 */
export async function recordIncidentEvents(
  tx: OutboxDb,
  events: IncidentEvent[],
  written: number[] = [],
  prepared?: PreparedNotificationInput,
): Promise<RecordedEvents> {
  const claimedBy = commitClaimant();
  if (events.length === 0) return { rows: [], claimedBy };
  const notifications = (await writeIncidentEventNotifications(tx, events, prepared)).map((n, i) => n + (written[i] ?? 0));
  const rows: RecordedEvents["rows"] = events.map((event) => {
    const { incidentId, kind, at, timelineEventId, ...rest } = event;
    const payload = toJsonValue(rest satisfies StoredIncidentEvent) as Prisma.JsonObject;
    return { id: newRowId(), incidentId, kind, createdAt: at, timelineEventId, payload, attempts: 0 };
  });
  // one statement for the change's events (sql-rows.ts)
  await insertRows(
    tx,
    "IncidentOutbox",
    OUTBOX_COLUMNS,
    rows.map((r, i) => [
      r.id,
      r.incidentId,
      r.kind,
      r.timelineEventId,
      r.payload as Prisma.JsonObject,
      notifications[i],
      r.createdAt,
      r.createdAt,
      claimedBy,
      claimedBy ? r.createdAt : null,
    ]),
  );
  return { rows, claimedBy };
}
