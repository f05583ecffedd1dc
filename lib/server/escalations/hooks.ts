import "server-only";
// Incident events that the manual routes to the alarm channels (3.2): declaration, severity change,
// resolution and reopening. Each becomes outbox rows with deterministic idempotency keys, so a replayed
// event writes nothing new. The scheduler picks up severity and status changes on its own (it rebuilds
// every schedule from the timeline); here it is only woken so a raised severity pages at once.
import { prisma } from "../db";
import { publish } from "../change-bus";
import type { IncidentEvent } from "../incident-events";
import { planNotifications, type NotificationEvent } from "@/lib/domain/notification-plan";
import { incidentUrl, writeOutbox } from "./outbox";
import { loadDirectory } from "./directory";
import { isUniqueViolation } from "../db-errors";
import { ESCALATIONS_TOPIC, incidentTopicOf } from "./topics";
import { wakeEscalationWorkers } from "./wake";

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

/** Called after incident changes commit: schedule escalations and notify the manual's channels. */
export async function onIncidentEventsForEscalation(events: IncidentEvent[]): Promise<void> {
  const work = events.map((e) => ({ source: e, event: routed(e) })).filter((w) => w.event !== null);
  if (work.length === 0) return;
  const incidents = new Map(
    (
      await prisma.incident.findMany({
        where: { id: { in: [...new Set(work.map((w) => w.source.incidentId))] } },
        select: { id: true, title: true, startedAt: true, isDrill: true },
      })
    ).map((i) => [i.id, i]),
  );
  const { contacts, businessHours } = await loadDirectory();
  for (const { source, event } of work) {
    const incident = incidents.get(source.incidentId);
    if (!incident || !event) continue;
    const plan = planNotifications({
      // the severity after the change: it decides the channels (and whether P3 waits for business hours)
      incident: { id: incident.id, title: incident.title, severity: source.severity, startedAt: incident.startedAt, url: incidentUrl(incident.id) },
      event,
      contacts,
      businessHours,
    });
    const entries = plan.deliveries.map((delivery) => ({ delivery, incidentId: incident.id, isDrill: incident.isDrill }));
    try {
      await writeOutbox(prisma, entries, source.at);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same event is being written concurrently (a replay racing the original): write row by row.
      for (const entry of entries) {
        await writeOutbox(prisma, [entry], source.at).catch((e: unknown) => {
          if (!isUniqueViolation(e)) throw e;
        });
      }
    }
  }
  wakeEscalationWorkers();
  const ids = [...new Set(work.map((w) => w.source.incidentId))];
  await publish(ESCALATIONS_TOPIC, ...ids.map(incidentTopicOf)).catch(() => undefined);
}
