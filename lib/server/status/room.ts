import "server-only";
// The incident room's status page panel: the components it affects, the published updates, the templates
// to start from and when the next update is due. Internal view (signed-in users): names are shown here.
import { prisma } from "../db";
import { notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { isSeverity } from "@/lib/domain/severity";
import { isScenarioSlug } from "@/lib/domain/scenarios";
import { proposedImpact, type Impact } from "@/lib/domain/status/components";
import { nextUpdateDue, updateTemplate, UPDATE_STATUSES, type Bilingual, type UpdateStatus } from "@/lib/domain/status/updates";
import type { IncidentComponentsInput } from "@/lib/domain/status/input";
import { incidentComponents, listComponents, writeIncidentComponents, type ComponentDto } from "./components";
import { listUpdates } from "./publish";
import { reminderSettings } from "./settings";
import { invalidateStatusSnapshot } from "./snapshot-cache";
import { incidentsHeldByMaintenance } from "./maintenance";

export interface RoomStatusDto {
  components: ComponentDto[];
  affected: { componentId: string; impact: Impact }[];
  proposedImpact: Impact;
  publicTitle: Bilingual;
  updates: Awaited<ReturnType<typeof listUpdates>>;
  templates: Record<UpdateStatus, Bilingual>;
  reminder: { dueAt: string | null; overdue: boolean; minutes: number | null };
  /** its escalations wait: every affected component is under running maintenance */
  heldByMaintenance: boolean;
}

export async function roomStatus(incidentId: number): Promise<RoomStatusDto> {
  const incident = await prisma.incident.findUnique({ where: { id: incidentId } });
  if (!incident) throw notFound(`Incident ${incidentId}`);
  const severity = isSeverity(incident.severity) ? incident.severity : "P2";
  const [components, affected, updates, settings, info] = await Promise.all([
    listComponents(),
    incidentComponents(incidentId),
    listUpdates(incidentId),
    reminderSettings(),
    prisma.incidentPublicInfo.findUnique({ where: { incidentId } }),
  ]);
  const names = affected
    .map((a) => components.find((c) => c.id === a.componentId))
    .flatMap((c) => (c ? [{ ko: c.nameKo, en: c.nameEn }] : []));
  const scenario = isScenarioSlug(incident.scenario) ? incident.scenario : null;
  const templates = Object.fromEntries(
    UPDATE_STATUSES.map((status) => [status, updateTemplate({ status, severity, scenario, components: names })]),
  ) as Record<UpdateStatus, Bilingual>;
  const reminder = nextUpdateDue({
    severity,
    open: incident.status !== "resolved",
    startedAt: incident.startedAt,
    lastPublishedAt: updates[0] ? new Date(updates[0].publishedAt) : null,
    settings,
    now: clockNow(),
  });
  return {
    components,
    affected,
    proposedImpact: proposedImpact(severity),
    publicTitle: { ko: info?.titleKo ?? "", en: info?.titleEn ?? "" },
    updates,
    templates,
    reminder: { dueAt: reminder.dueAt?.toISOString() ?? null, overdue: reminder.overdue, minutes: settings[severity] },
    heldByMaintenance: (await incidentsHeldByMaintenance([incidentId], clockNow())).has(incidentId),
  };
}

/** The room changes which components an incident affects (and how); a public incident's page follows. */
export async function setIncidentComponents(actor: Actor, incidentId: number, input: IncidentComponentsInput): Promise<RoomStatusDto> {
  requirePermission(actor, "incident.update");
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
    if (!incident) throw notFound(`Incident ${incidentId}`);
    const before = await tx.incidentComponent.findMany({ where: { incidentId } });
    await writeIncidentComponents(tx, incidentId, input.components, at);
    const names = await tx.statusComponent.findMany({ where: { id: { in: input.components.map((c) => c.componentId) } } });
    await tx.timelineEvent.create({
      data: {
        incidentId,
        kind: "components",
        actorId: actor.userId,
        actorName: actor.label,
        message: `Affected components: ${input.components.map((c) => `${names.find((n) => n.id === c.componentId)?.nameKo ?? c.componentId} (${c.impact})`).join(", ") || "none"}`,
        data: { components: input.components },
        createdAt: at,
      },
    });
    await writeAudit(tx, actor, {
      action: "incident.components",
      entity: "incident",
      entityId: incidentId,
      before,
      after: input.components,
      at,
    });
  });
  invalidateStatusSnapshot();
  return roomStatus(incidentId);
}
