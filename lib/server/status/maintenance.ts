import "server-only";
// Scheduled maintenance windows (admins and commanders announce them). A window starts and ends by the
// clock alone — nothing runs at its edges: the page, the alert hold and the room read "is it running now".
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { alertComponents, heldByMaintenance } from "@/lib/domain/status/maintenance";
import { windowActive } from "@/lib/domain/status/components";
import type { MaintenanceInput } from "@/lib/domain/status/input";
import { invalidateStatusSnapshot } from "./snapshot-cache";
import { stringIds } from "./snapshot";

export async function listMaintenance() {
  const at = clockNow();
  const rows = await prisma.maintenanceWindow.findMany({ where: { cancelledAt: null, endsAt: { gt: at } }, orderBy: { startsAt: "asc" } });
  return rows.map((w) => ({
    id: w.id,
    title: { ko: w.titleKo, en: w.titleEn },
    components: stringIds(w.components),
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    active: windowActive({ ...w, components: [] }, at),
  }));
}

export async function createMaintenance(actor: Actor, input: MaintenanceInput) {
  requirePermission(actor, "status.publish");
  const at = clockNow();
  const ids = [...new Set(input.components)];
  const row = await prisma.$transaction(async (tx) => {
    if ((await tx.statusComponent.count({ where: { id: { in: ids }, archivedAt: null } })) !== ids.length) {
      throw new AppError("validation_failed", "Unknown component.", { components: "unknown component" });
    }
    const w = await tx.maintenanceWindow.create({
      data: {
        titleKo: input.title.ko,
        titleEn: input.title.en,
        components: ids,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        createdById: actor.userId,
        createdAt: at,
      },
    });
    await writeAudit(tx, actor, { action: "status.maintenance.create", entity: "maintenance", entityId: w.id, after: w, at });
    return w;
  });
  invalidateStatusSnapshot();
  return { id: row.id };
}

export async function cancelMaintenance(actor: Actor, id: string) {
  requirePermission(actor, "status.publish");
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    const r = await tx.maintenanceWindow.updateMany({ where: { id, cancelledAt: null }, data: { cancelledAt: at } });
    if (r.count === 0) throw notFound("Maintenance window");
    await writeAudit(tx, actor, { action: "status.maintenance.cancel", entity: "maintenance", entityId: id, at });
  });
  invalidateStatusSnapshot();
}

/** Whether an alert's automatic incident waits for a running maintenance window of all its components. */
export async function alertHeldByMaintenance(
  alertname: string,
  labels: Record<string, unknown> = {},
  at: Date = clockNow(),
): Promise<boolean> {
  const slugs = alertComponents(alertname, labels);
  if (slugs.length === 0) return false;
  const windows = await prisma.maintenanceWindow.findMany({ where: { cancelledAt: null, startsAt: { lte: at }, endsAt: { gt: at } } });
  if (windows.length === 0) return false;
  const components = await prisma.statusComponent.findMany({ select: { id: true, slug: true } });
  const slugOf = new Map(components.map((c) => [c.id, c.slug]));
  return heldByMaintenance(
    slugs,
    windows.map((w) => ({ ...w, components: stringIds(w.components).flatMap((id) => (slugOf.has(id) ? [slugOf.get(id)!] : [])) })),
    at,
  );
}

/**
 * The incidents among `incidentIds` whose escalations wait: every component they affect is under a running
 * maintenance window (an incident on no component is never held). Their steps fire, marked late, once the
 * window ends and the incident is still open.
 */
export async function incidentsHeldByMaintenance(incidentIds: number[], at: Date): Promise<Set<number>> {
  const held = new Set<number>();
  if (incidentIds.length === 0) return held;
  const windows = await prisma.maintenanceWindow.findMany({ where: { cancelledAt: null, startsAt: { lte: at }, endsAt: { gt: at } } });
  if (windows.length === 0) return held;
  const covered = new Set(windows.flatMap((w) => stringIds(w.components)));
  const links = await prisma.incidentComponent.findMany({ where: { incidentId: { in: incidentIds } } });
  const byIncident = new Map<number, string[]>();
  for (const l of links) byIncident.set(l.incidentId, [...(byIncident.get(l.incidentId) ?? []), l.componentId]);
  for (const [id, components] of byIncident) if (components.every((c) => covered.has(c))) held.add(id);
  return held;
}
