import "server-only";
// Drill timings from the incident flow (run by the incident event dispatcher for committed changes,
// lib/server/incident-outbox/dispatcher.ts):
// - declared (a drill incident): linked to the running drill; acknowledged at once if a person
//   declared it and became its commander (one click from the alert by a commander);
// - first commander assignment or status change: acknowledged;
// - status identified (or beyond): diagnosed; mitigated (or resolved): mitigated.
// Each milestone is written once (UPDATE … WHERE <milestone> IS NULL), so replays change nothing.
import { prisma } from "../db";
import { publish } from "../change-bus";
import type { IncidentEvent } from "../incident-events";
import { DRILLS_TOPIC } from "./topics";
import { STATUSES, type Status } from "@/lib/domain/status";

const reached = (status: Status, target: Status) => STATUSES.indexOf(status) >= STATUSES.indexOf(target);

async function mark(incidentId: number, field: "acknowledgedAt" | "diagnosedAt" | "mitigatedAt", at: Date): Promise<number> {
  // Only what happened while the drill ran: ending a drill resolves its incident, which is not the team mitigating.
  const r = await prisma.drill.updateMany({
    where: { incidentId, [field]: null, OR: [{ endedAt: null }, { endedAt: { gt: at } }] },
    data: { [field]: at },
  });
  return r.count;
}

export async function onIncidentEventsForDrills(events: IncidentEvent[]): Promise<void> {
  let changed = 0;
  for (const e of events) {
    if (!e.isDrill) continue;
    if (e.kind === "declared") {
      changed += (await prisma.drill.updateMany({ where: { endedAt: null, incidentId: null }, data: { incidentId: e.incidentId } })).count;
      const incident = await prisma.incident.findUnique({ where: { id: e.incidentId }, select: { commanderId: true } });
      if (incident?.commanderId) changed += await mark(e.incidentId, "acknowledgedAt", e.at);
      continue;
    }
    if (e.kind === "commander") {
      const incident = await prisma.incident.findUnique({ where: { id: e.incidentId }, select: { commanderId: true } });
      if (incident?.commanderId) changed += await mark(e.incidentId, "acknowledgedAt", e.at);
      continue;
    }
    if (e.kind === "status" || e.kind === "resolved") {
      changed += await mark(e.incidentId, "acknowledgedAt", e.at);
      if (reached(e.status, "identified")) changed += await mark(e.incidentId, "diagnosedAt", e.at);
      if (reached(e.status, "mitigated")) changed += await mark(e.incidentId, "mitigatedAt", e.at);
    }
  }
  if (changed > 0) await publish(DRILLS_TOPIC);
}
