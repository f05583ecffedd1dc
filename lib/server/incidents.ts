import "server-only";
// Incident services: the only code that writes incidents. Each mutation checks the role, writes the
// change, its timeline events and an audit row in one transaction, then tells open pages.
import { prisma } from "./db";
import { AppError, notFound } from "./errors";
import { requirePermission, type Actor } from "./actor";
import { writeAudit } from "./audit";
import { now as clockNow } from "./clock";
import { publish } from "./change-bus";
import { incidentInclude, toIncidentDto, toTimelineDto, type IncidentDto, type TimelineEventDto } from "./incident-dto";
import { compareIncidents } from "@/lib/domain/incident-order";
import { planIncidentChange } from "@/lib/domain/incident-change";
import { isSeverity } from "@/lib/domain/severity";
import { isStatus } from "@/lib/domain/status";
import type { ChangeIncidentInput, DeclareIncidentInput } from "@/lib/domain/incident-input";
import type { IncidentEvent } from "./incident-events";
import { onIncidentEventsForEscalation } from "./escalations/hooks";
import { onIncidentEventsForDrills } from "./alerts/hooks";
import { guardResolve } from "./postmortems/hooks";

/** Features react after the commit; their failures are logged, never undo or fail the change. */
async function announce(events: IncidentEvent[]) {
  for (const [name, hook] of [["escalations", onIncidentEventsForEscalation], ["drills", onIncidentEventsForDrills]] as const) {
    await hook(events).catch((error: unknown) => console.error(`[incidents] ${name} hook failed`, error));
  }
}

export const incidentTopic = (id: number) => `incident:${id}`;
export const INCIDENTS_TOPIC = "incidents";

export async function declareIncident(
  actor: Actor,
  input: DeclareIncidentInput,
  options: { source?: "manual" | "api" | "alert"; startedAt?: Date; isDrill?: boolean } = {},
): Promise<IncidentDto> {
  requirePermission(actor, "incident.declare");
  const at = clockNow();
  const created = await prisma.$transaction(async (tx) => {
    const incident = await tx.incident.create({
      data: {
        title: input.title,
        description: input.description ?? "",
        severity: input.severity,
        scenario: input.scenario ?? null,
        source: options.source ?? (actor.kind === "token" ? "api" : "manual"),
        isDrill: options.isDrill ?? false,
        declaredById: actor.userId,
        commanderId: actor.userId && actor.role === "commander" ? actor.userId : null,
        startedAt: options.startedAt ?? at,
        createdAt: at,
      },
      include: incidentInclude,
    });
    const declared = await tx.timelineEvent.create({
      data: {
        incidentId: incident.id,
        kind: "declared",
        actorId: actor.userId,
        actorName: actor.label,
        message: `Declared ${incident.severity}: ${incident.title}`,
        data: { severity: incident.severity, scenario: incident.scenario, title: incident.title },
        createdAt: at,
      },
    });
    await writeAudit(tx, actor, { action: "incident.declare", entity: "incident", entityId: incident.id, after: snapshot(incident), at });
    return { ...incident, declaredEventId: declared.id };
  });
  await publish(INCIDENTS_TOPIC, incidentTopic(created.id)).catch(() => undefined);
  const dto = toIncidentDto(created, at);
  await announce([{ incidentId: dto.id, kind: "declared", at, timelineEventId: created.declaredEventId, severity: dto.severity, status: dto.status, isDrill: dto.isDrill, title: dto.title, actorLabel: actor.label }]);
  return dto;
}

export async function listIncidents(filter: { status?: "open" | "resolved" | "all" } = {}): Promise<IncidentDto[]> {
  const at = clockNow();
  const where =
    filter.status === "open" ? { status: { not: "resolved" } } : filter.status === "resolved" ? { status: "resolved" } : {};
  const rows = await prisma.incident.findMany({ where, include: incidentInclude, orderBy: { startedAt: "desc" }, take: 500 });
  return rows.map((r) => toIncidentDto(r, at)).sort(compareIncidents);
}

export async function getIncident(id: number): Promise<IncidentDto> {
  const row = await prisma.incident.findUnique({ where: { id }, include: incidentInclude });
  if (!row) throw notFound(`Incident ${id}`);
  return toIncidentDto(row, clockNow());
}

export async function changeIncident(actor: Actor, id: number, input: ChangeIncidentInput): Promise<IncidentDto> {
  requirePermission(actor, "incident.update");
  if (input.commanderId !== undefined) requirePermission(actor, "incident.assignCommander");
  const at = clockNow();

  const updated = await prisma.$transaction(async (tx) => {
    const current = await tx.incident.findUnique({ where: { id }, include: incidentInclude });
    if (!current) throw notFound(`Incident ${id}`);
    if (current.version !== input.version) throw staleVersion(current.version, input.version, toIncidentDto(current, at));
    if (!isSeverity(current.severity) || !isStatus(current.status)) throw new AppError("conflict", "Incident has invalid stored state.");

    let commanderName: string | null = null;
    if (input.commanderId) {
      const commander = await tx.user.findUnique({ where: { id: input.commanderId } });
      if (!commander) throw new AppError("validation_failed", "No such user to assign as commander.", { commanderId: "Unknown user." });
      commanderName = commander.name;
    }

    const plan = planIncidentChange(
      { status: current.status, severity: current.severity, commanderId: current.commanderId, resolvedAt: current.resolvedAt },
      input,
      { now: at, commanderName },
    );
    if (!plan.ok) throw new AppError("validation_failed", plan.message, { [plan.field]: plan.message });
    if (plan.update.status === "resolved") {
      const refusal = await guardResolve(tx, { id, severity: plan.update.severity ?? current.severity }, input.reason);
      if (refusal) throw new AppError("validation_failed", refusal, { reason: refusal });
    }

    // The version in the WHERE makes the check and the write one atomic step: a concurrent writer loses.
    const result = await tx.incident.updateMany({
      where: { id, version: input.version },
      data: { ...plan.update, version: { increment: 1 }, updatedAt: at },
    });
    if (result.count !== 1) throw staleVersion(current.version + 1, input.version, toIncidentDto(current, at));

    const recorded: { kind: IncidentEvent["kind"]; id: string }[] = [];
    for (const event of plan.events) {
      const row = await tx.timelineEvent.create({
        data: { incidentId: id, kind: event.kind, actorId: actor.userId, actorName: actor.label, message: event.message, data: event.data as object, createdAt: at },
      });
      recorded.push({ kind: event.kind, id: row.id });
    }
    const after = await tx.incident.findUniqueOrThrow({ where: { id }, include: incidentInclude });
    await writeAudit(tx, actor, { action: "incident.change", entity: "incident", entityId: id, before: snapshot(current), after: snapshot(after), at });
    return { after, before: current, recorded };
  });
  await publish(INCIDENTS_TOPIC, incidentTopic(id)).catch(() => undefined);
  const dto = toIncidentDto(updated.after, at);
  await announce(
    updated.recorded.map((r) => ({
      incidentId: id,
      kind: r.kind,
      at,
      timelineEventId: r.id,
      severity: dto.severity,
      previousSeverity: isSeverity(updated.before.severity) ? updated.before.severity : undefined,
      status: dto.status,
      previousStatus: isStatus(updated.before.status) ? updated.before.status : undefined,
      isDrill: dto.isDrill,
      title: dto.title,
      actorLabel: actor.label,
    })),
  );
  return dto;
}

function staleVersion(currentVersion: number, sentVersion: number, current: IncidentDto): AppError {
  return new AppError(
    "conflict",
    `Someone else changed this incident (you edited version ${sentVersion}, it is now at version ${currentVersion}). Review the current state and try again.`,
    undefined,
    { current },
  );
}

export async function addNote(actor: Actor, id: number, text: string): Promise<TimelineEventDto> {
  requirePermission(actor, "incident.note");
  const at = clockNow();
  const event = await prisma.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id }, select: { id: true } });
    if (!incident) throw notFound(`Incident ${id}`);
    const created = await tx.timelineEvent.create({
      data: { incidentId: id, kind: "note", actorId: actor.userId, actorName: actor.label, message: text, createdAt: at },
    });
    await writeAudit(tx, actor, { action: "incident.note", entity: "incident", entityId: id, after: { note: text }, at });
    return created;
  });
  await publish(incidentTopic(id)).catch(() => undefined);
  return toTimelineDto(event);
}

export async function getTimeline(id: number): Promise<TimelineEventDto[]> {
  const incident = await prisma.incident.findUnique({ where: { id }, select: { id: true } });
  if (!incident) throw notFound(`Incident ${id}`);
  const rows = await prisma.timelineEvent.findMany({ where: { incidentId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toTimelineDto);
}

function snapshot(row: { severity: string; status: string; commanderId: string | null; title: string; scenario: string | null; resolvedAt: Date | null; version: number }) {
  return {
    title: row.title,
    severity: row.severity,
    status: row.status,
    commanderId: row.commanderId,
    scenario: row.scenario,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    version: row.version,
  };
}
