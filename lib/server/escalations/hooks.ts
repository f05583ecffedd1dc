import "server-only";
// Incident events that the manual routes to the alarm channels (3.2): declaration, severity change,
// resolution and reopening. Each becomes outbox rows with deterministic idempotency keys, written in the
// SAME transaction as the incident change (lib/server/incident-outbox/record.ts), so a committed change
// always has its pages and a failed write undoes the change. A replayed event writes nothing new.
// The scheduler picks up severity and status changes on its own (it rebuilds every schedule from the
// timeline, written in that transaction too); the event dispatcher only wakes it so a raised severity
// pages at once (onIncidentEventsForEscalation).
import { publish } from "../change-bus";
import type { DB } from "../db";
import type { IncidentEvent } from "../incident-events";
import { planNotifications, type NotificationEvent } from "@/lib/domain/notification-plan";
import { incidentUrl, writeOutbox } from "./outbox";
import { loadDirectory, type DirectoryDb } from "./directory";
import { isUniqueViolation } from "../db-errors";
import { ESCALATIONS_TOPIC } from "./topics";
import { wakeEscalationWorkers } from "./wake";

/** The client or the incident change's transaction. */
export type NotificationDb = DirectoryDb & Pick<DB, "notification" | "incident" | "$executeRawUnsafe">;

function routed(event: IncidentEvent): NotificationEvent | null {
  switch (event.kind) {
    case "declared":
      return { kind: "declared", at: event.at };
    case "severity":
      return event.previousSeverity && event.previousSeverity !== event.severity
        ? { kind: "severity-changed", from: event.previousSeverity, to: event.severity, at: event.at }
        : null;
    case "resolved":
      return { kind: "resolved", at: event.at };
    case "reopened":
      return { kind: "reopened", at: event.at };
    default:
      return null;
  }
}

export type Directory = Awaited<ReturnType<typeof loadDirectory>>;
export interface IncidentBrief {
  id: number;
  title: string;
  startedAt: Date;
  isDrill: boolean;
}

/**
 * What a caller may have read already: the directory (read BEFORE the change's transaction by a declaration, so
 * SQLite's single write lock is not held across those reads) and the incidents it has in hand.
 */
export interface PreparedNotificationInput {
  directory?: Directory;
  incidents?: IncidentBrief[];
  /** incidents created in the change's own transaction (a declaration): none of their pages can exist yet */
  newIncidentIds?: number[];
}

/** The directory for planning notifications at `at`, read ahead of the change's transaction. */
export async function prepareNotificationInput(at: Date): Promise<PreparedNotificationInput> {
  return { directory: await loadDirectory(undefined, at) };
}

/**
 * Plans and writes the notifications the events cause; `db` is the transaction of the change that caused
 * them. Returns, per event, how many notification rows it planned (0 for events the manual does not page on).
 * Throws on a database error, which rolls the change back.
 */
export async function writeIncidentEventNotifications(
  db: NotificationDb,
  events: IncidentEvent[],
  prepared: PreparedNotificationInput = {},
): Promise<number[]> {
  const counts = events.map(() => 0);
  const work = events.map((source, index) => ({ source, index, event: routed(source) })).filter((w) => w.event !== null);
  if (work.length === 0) return counts;
  const ids = [...new Set(work.map((w) => w.source.incidentId))];
  const known = new Map((prepared.incidents ?? []).map((i) => [i.id, i]));
  const incidents = ids.every((id) => known.has(id))
    ? known
    : new Map(
        (await db.incident.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, startedAt: true, isDrill: true } })).map(
          (i) => [i.id, i],
        ),
      );
  const { contacts, businessHours } = prepared.directory ?? (await loadDirectory(db, work[0].source.at));
  for (const { source, index, event } of work) {
    const incident = incidents.get(source.incidentId);
    if (!incident || !event) continue;
    const plan = planNotifications({
      // the severity after the change: it decides the channels (and whether P3 waits for business hours)
      incident: {
        id: incident.id,
        title: incident.title,
        severity: source.severity,
        startedAt: incident.startedAt,
        url: incidentUrl(incident.id),
      },
      event,
      contacts,
      businessHours,
    });
    const entries = plan.deliveries.map((delivery) => ({ delivery, incidentId: incident.id, isDrill: incident.isDrill }));
    counts[index] = entries.length;
    try {
      await writeOutbox(db, entries, source.at, { newIncident: prepared.newIncidentIds?.includes(incident.id) });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same event is being written concurrently (a replay racing the original, outside a transaction):
      // write row by row. (Inside a PostgreSQL transaction the retry fails too and the change rolls back.)
      for (const entry of entries) {
        await writeOutbox(db, [entry], source.at).catch((e: unknown) => {
          if (!isUniqueViolation(e)) throw e;
        });
      }
    }
  }
  return counts;
}

/**
 * Events after which a step may be due at once, so the scheduler runs now rather than at its next tick (≤ 1 s):
 * a raised severity (P2 → P0 half an hour in) and a reopening. A declaration's first step is 15 minutes or more
 * away; waking the scheduler for each one made a burst of declarations rescan every open incident per declaration.
 */
const MAY_MAKE_A_STEP_DUE = new Set<IncidentEvent["kind"]>(["severity", "reopened"]);

/**
 * Run by the incident event dispatcher for committed events: the notifications are already in the outbox
 * (written with the change); wake this instance's deliverer (and its scheduler where a step may be due) so they
 * go out now, and refresh the escalations board.
 */
export async function onIncidentEventsForEscalation(events: IncidentEvent[]): Promise<void> {
  const ids = [...new Set(events.filter((e) => e.kind !== "note").map((e) => e.incidentId))];
  if (ids.length === 0) return;
  wakeEscalationWorkers(events.some((e) => MAY_MAKE_A_STEP_DUE.has(e.kind)) ? "all" : "deliverer");
  // The board only: the rooms of these incidents hear of the change from the dispatcher's live-update handler,
  // which runs after this one and pushes the new escalation schedule with it.
  await publish(ESCALATIONS_TOPIC);
}
