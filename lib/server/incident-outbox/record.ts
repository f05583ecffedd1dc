import "server-only";
// The write side of the incident outbox: called INSIDE the transaction of an incident change, it writes
// one IncidentOutbox row per event and the notification rows the events cause. All of it commits with the
// change or none of it does: a database error here rolls the change back, and a process that dies right
// after the commit leaves rows that the dispatcher (dispatcher.ts) and the outbox deliverer pick up.
import type { DB } from "../db";
import type { IncidentEvent } from "../incident-events";
import { writeIncidentEventNotifications, type NotificationDb, type PreparedNotificationInput } from "../escalations/hooks";

export { prepareNotificationInput as readBeforeRecording, type PreparedNotificationInput } from "../escalations/hooks";

export type OutboxDb = NotificationDb & Pick<DB, "incidentOutbox">;

/** What a row's payload holds: the event minus what has its own column. */
export type StoredIncidentEvent = Omit<IncidentEvent, "incidentId" | "kind" | "at" | "timelineEventId">;

/**
 * Writes the events and their notifications with `tx`; returns the outbox row ids, for the dispatcher.
 * `written`: notification rows the caller wrote itself in this transaction, per event (a status page update);
 * `prepared`: what the caller has read already for planning the notifications.
 */
export async function recordIncidentEvents(
  tx: OutboxDb,
  events: IncidentEvent[],
  written: number[] = [],
  prepared?: PreparedNotificationInput,
): Promise<string[]> {
  if (events.length === 0) return [];
  const notifications = (await writeIncidentEventNotifications(tx, events, prepared)).map((n, i) => n + (written[i] ?? 0));
  const ids: string[] = [];
  for (const [i, event] of events.entries()) {
    const { incidentId, kind, at, timelineEventId, ...rest } = event;
    const payload: StoredIncidentEvent = rest;
    const row = await tx.incidentOutbox.create({
      data: {
        incidentId,
        kind,
        timelineEventId,
        payload: JSON.parse(JSON.stringify(payload)) as object,
        notifications: notifications[i],
        createdAt: at,
        availableAt: at,
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}
