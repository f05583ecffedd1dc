import "server-only";
// Incident services: the only code that writes incidents. Each mutation checks the role, writes the
// change, its timeline events, its outbox events (with the notifications they cause) and an audit row in
// ONE transaction. What reacts to the change (drill timings, escalations, live updates) is driven from
// those outbox rows by the dispatcher (incident-outbox/), not from this module: a crash or an error after
// the commit loses nothing, and this module knows none of the features that react.
import { prisma } from "./db";
import { AppError, notFound } from "./errors";
import { requirePermission, type Actor } from "./actor";
import { writeAudit } from "./audit";
import { now as clockNow } from "./clock";
import { incidentInclude, toIncidentDto, toTimelineDto, type IncidentDto, type TimelineEventDto } from "./incident-dto";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, afterKeyset, encodeCursor, pageOf } from "./pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { planIncidentChange } from "@/lib/domain/incident-change";
import { isSeverity, type Severity } from "@/lib/domain/severity";
import { isStatus } from "@/lib/domain/status";
import type { ChangeIncidentInput, DeclareIncidentInput } from "@/lib/domain/incident-input";
import type { IncidentEvent } from "./incident-events";
import { insertIncident, insertTimelineEvent } from "./incident-rows";
import { readBeforeRecording, recordIncidentEvents, type RecordedEvents } from "./incident-outbox/record";
import { dispatchCommitted } from "./incident-outbox/kick";
import { failpoint } from "./failpoints";
import { guardResolve } from "./postmortems/hooks";
import { writeDeclaredComponents } from "./status/components";

export { incidentTopic, INCIDENTS_TOPIC } from "@/lib/domain/live-topics";

/** After the commit: the outbox rows are durable; have them handled now (the dispatcher loop is the fallback). */
async function afterCommit(recorded: RecordedEvents) {
  await failpoint("incident.committed");
  await dispatchCommitted(recorded);
}

export async function declareIncident(
  actor: Actor,
  input: DeclareIncidentInput,
  options: { source?: "manual" | "api" | "alert"; startedAt?: Date; isDrill?: boolean } = {},
): Promise<IncidentDto> {
  requirePermission(actor, "incident.declare");
  const at = clockNow();
  // Read before the transaction, so SQLite's one write lock is held for the writes only: who is paged (the
  // directory) and the declaring user's name for the answer.
  const prepared = await readBeforeRecording(at);
  const declarer = actor.userId ? await prisma.user.findUnique({ where: { id: actor.userId }, select: { id: true, name: true } }) : null;
  const created = await prisma.$transaction(async (tx) => {
    const row = await insertIncident(tx, {
      title: input.title,
      description: input.description ?? "",
      severity: input.severity,
      status: "investigating",
      scenario: input.scenario ?? null,
      source: options.source ?? (actor.kind === "token" ? "api" : "manual"),
      isDrill: options.isDrill ?? false,
      declaredById: actor.userId,
      commanderId: actor.userId && actor.role === "commander" ? actor.userId : null,
      startedAt: options.startedAt ?? at,
      resolvedAt: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    const incident = { ...row, declaredBy: declarer, commander: row.commanderId ? declarer : null };
    const declaredId = await insertTimelineEvent(tx, {
      incidentId: incident.id,
      kind: "declared",
      actorId: actor.userId,
      actorName: actor.label,
      message: `Declared ${incident.severity}: ${incident.title}`,
      data: { severity: incident.severity, scenario: incident.scenario, title: incident.title },
      createdAt: at,
    });
    await writeAudit(tx, actor, { action: "incident.declare", entity: "incident", entityId: incident.id, after: snapshot(incident), at });
    await writeDeclaredComponents(tx, incident.id, input.severity, input.components, at);
    const dto = toIncidentDto(incident, at);
    const recorded = await recordIncidentEvents(
      tx,
      [
        {
          incidentId: dto.id,
          kind: "declared",
          at,
          timelineEventId: declaredId,
          severity: dto.severity,
          status: dto.status,
          isDrill: dto.isDrill,
          title: dto.title,
          actorLabel: actor.label,
        },
      ],
      [],
      { ...prepared, incidents: [incident], newIncidentIds: [incident.id] },
    );
    return { dto, recorded };
  });
  await afterCommit(created.recorded);
  return created.dto;
}

export type IncidentListStatus = "open" | "resolved" | "all";

export interface IncidentPageQuery {
  status?: IncidentListStatus;
  severity?: Severity;
  /** false: only incidents without a postmortem (the reports still to write) */
  hasPostmortem?: boolean;
  /** the keyset of the previous page's last incident (decoded from nextCursor) */
  after?: IncidentKey;
  limit?: number;
}

/** Where an incident sits in the list order: [segment "o"|"r", severity (open only), startedAt, id]. */
export type IncidentKey = [segment: string, severity: string, startedAt: string, id: number];
export const INCIDENT_CURSOR = ["s", "s", "d", "n"] as const;

/**
 * One page of the incident list in its order (lib/domain/incident-order): open incidents first, worst severity
 * first, least time left first (= earliest start within a severity), then resolved ones newest first; the id
 * breaks ties. Each segment is a keyset query on indexed columns, so page 40 costs what page 1 does and an
 * incident declared meanwhile never shifts a page (nothing repeated, nothing skipped).
 */
export async function listIncidentPage(query: IncidentPageQuery = {}): Promise<{ items: IncidentDto[]; nextCursor?: string }> {
  const at = clockNow();
  const status = query.status ?? "all";
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const bySeverity = {
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.hasPostmortem === undefined ? {} : { postmortem: query.hasPostmortem ? { isNot: null } : { is: null } }),
  };
  const after = query.after;
  const rows: IncidentRowWithPeople[] = [];
  let more = false;
  if (status !== "resolved" && (!after || after[0] === "o")) {
    const keyset = after
      ? afterKeyset<Prisma.IncidentWhereInput>([
          ["severity", "gt", after[1]],
          ["startedAt", "gt", new Date(after[2])],
          ["id", "gt", after[3]],
        ])
      : {};
    const open = await prisma.incident.findMany({
      where: { AND: [{ status: { not: "resolved" } }, bySeverity, keyset] },
      include: incidentInclude,
      orderBy: [{ severity: "asc" }, { startedAt: "asc" }, { id: "asc" }],
      take: limit + 1,
    });
    rows.push(...open.slice(0, limit));
    more = open.length > limit;
  }
  if (!more && status !== "open") {
    const need = limit - rows.length;
    const keyset =
      after && after[0] === "r"
        ? afterKeyset<Prisma.IncidentWhereInput>([
            ["startedAt", "lt", new Date(after[2])],
            ["id", "lt", after[3]],
          ])
        : {};
    const resolved = await prisma.incident.findMany({
      where: { AND: [{ status: "resolved" }, bySeverity, keyset] },
      include: incidentInclude,
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: need + 1,
    });
    rows.push(...resolved.slice(0, need));
    more = resolved.length > need;
  }
  const last = rows.at(-1);
  const items = rows.map((r) => toIncidentDto(r, at));
  return { items, ...(more && last ? { nextCursor: encodeCursor(incidentKey(last)) } : {}) };
}

type IncidentRowWithPeople = Awaited<ReturnType<typeof prisma.incident.findMany<{ include: typeof incidentInclude }>>>[number];

function incidentKey(row: { status: string; severity: string; startedAt: Date; id: number }): IncidentKey {
  return row.status === "resolved"
    ? ["r", "", row.startedAt.toISOString(), row.id]
    : ["o", row.severity, row.startedAt.toISOString(), row.id];
}

/** Every incident of a filter, walked page by page (for server pages that need them all). */
export async function listIncidents(filter: { status?: IncidentListStatus } = {}): Promise<IncidentDto[]> {
  const all: IncidentDto[] = [];
  let after: IncidentKey | undefined;
  for (;;) {
    const page = await listIncidentPage({ status: filter.status, after, limit: MAX_PAGE_SIZE });
    all.push(...page.items);
    const last = page.items.at(-1);
    if (!page.nextCursor || !last) return all;
    after = last.status === "resolved" ? ["r", "", last.startedAt, last.id] : ["o", last.severity, last.startedAt, last.id];
  }
}

/** The incident's row with the people it names, or null. */
export async function loadIncidentRow(id: number) {
  return prisma.incident.findUnique({ where: { id }, include: incidentInclude });
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

    const after = await tx.incident.findUniqueOrThrow({ where: { id }, include: incidentInclude });
    const dto = toIncidentDto(after, at);
    const events: IncidentEvent[] = [];
    for (const event of plan.events) {
      const row = await tx.timelineEvent.create({
        data: {
          incidentId: id,
          kind: event.kind,
          actorId: actor.userId,
          actorName: actor.label,
          message: event.message,
          data: event.data as object,
          createdAt: at,
        },
      });
      events.push({
        incidentId: id,
        kind: event.kind,
        at,
        timelineEventId: row.id,
        severity: dto.severity,
        previousSeverity: isSeverity(current.severity) ? current.severity : undefined,
        status: dto.status,
        previousStatus: isStatus(current.status) ? current.status : undefined,
        isDrill: dto.isDrill,
        title: dto.title,
        actorLabel: actor.label,
      });
    }
    await writeAudit(tx, actor, {
      action: "incident.change",
      entity: "incident",
      entityId: id,
      before: snapshot(current),
      after: snapshot(after),
      at,
    });
    const recorded = await recordIncidentEvents(tx, events);
    return { dto, recorded };
  });
  await afterCommit(updated.recorded);
  return updated.dto;
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
    const incident = await tx.incident.findUnique({
      where: { id },
      select: { id: true, severity: true, status: true, isDrill: true, title: true },
    });
    if (!incident) throw notFound(`Incident ${id}`);
    const created = await tx.timelineEvent.create({
      data: { incidentId: id, kind: "note", actorId: actor.userId, actorName: actor.label, message: text, createdAt: at },
    });
    await writeAudit(tx, actor, { action: "incident.note", entity: "incident", entityId: id, after: { note: text }, at });
    const recorded = await recordIncidentEvents(tx, [
      {
        incidentId: id,
        kind: "note",
        at,
        timelineEventId: created.id,
        severity: isSeverity(incident.severity) ? incident.severity : "P3",
        status: isStatus(incident.status) ? incident.status : "investigating",
        isDrill: incident.isDrill,
        title: incident.title,
        actorLabel: actor.label,
      },
    ]);
    return { created, recorded };
  });
  await afterCommit(event.recorded);
  return toTimelineDto(event.created);
}

export async function getTimeline(id: number): Promise<TimelineEventDto[]> {
  const incident = await prisma.incident.findUnique({ where: { id }, select: { id: true } });
  if (!incident) throw notFound(`Incident ${id}`);
  const rows = await prisma.timelineEvent.findMany({ where: { incidentId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toTimelineDto);
}

export const TIMELINE_CURSOR = ["d", "s"] as const;

/**
 * One page of an incident's timeline in time order (`asc`, the default: oldest first, as before) or newest first
 * (`desc`, what the room shows), optionally only some kinds; keyset on (createdAt, id).
 */
export async function getTimelinePage(
  id: number,
  query: { order?: "asc" | "desc"; kinds?: string[]; after?: [createdAt: string, id: string]; limit?: number } = {},
): Promise<{ items: TimelineEventDto[]; nextCursor?: string }> {
  const incident = await prisma.incident.findUnique({ where: { id }, select: { id: true } });
  if (!incident) throw notFound(`Incident ${id}`);
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const order = query.order ?? "asc";
  const cmp = order === "asc" ? "gt" : "lt";
  const keyset = query.after
    ? {
        OR: [{ createdAt: { [cmp]: new Date(query.after[0]) } }, { createdAt: new Date(query.after[0]), id: { [cmp]: query.after[1] } }],
      }
    : {};
  const rows = await prisma.timelineEvent.findMany({
    where: { AND: [{ incidentId: id }, query.kinds?.length ? { kind: { in: query.kinds } } : {}, keyset] },
    orderBy: [{ createdAt: order }, { id: order }],
    take: limit + 1,
  });
  return pageOf(rows, limit, toTimelineDto, (r) => [r.createdAt.toISOString(), r.id]);
}

function snapshot(row: {
  severity: string;
  status: string;
  commanderId: string | null;
  title: string;
  scenario: string | null;
  resolvedAt: Date | null;
  version: number;
}) {
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
