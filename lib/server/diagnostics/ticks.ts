import "server-only";
// Runbook steps ticked off inside an incident: one RunbookTick per (incident, step), a timeline event
// "runbook" with who and when, an audit row, then open pages are told. Unticking is allowed and recorded.
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { incidentTopic } from "@/lib/domain/live-topics";
import { findStep, findRunbook, type RunbookSection } from "@/lib/domain/runbooks";
import { isUniqueViolation } from "../db-errors";
import type { RunbookTickDto } from "./dto";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Ticking a step is part of responding, so it needs the same role as changing the incident. */
const PERMISSION = "incident.update" as const;

const toDto = (row: { stepId: string; actorName: string; tickedAt: Date }): RunbookTickDto => ({
  stepId: row.stepId,
  actorName: row.actorName,
  tickedAt: row.tickedAt.toISOString(),
});

async function ensureIncident(id: number, db: Pick<typeof prisma, "incident"> = prisma) {
  const incident = await db.incident.findUnique({ where: { id }, select: { id: true } });
  if (!incident) throw notFound(`Incident ${id}`);
}

export async function listTicks(incidentId: number): Promise<RunbookTickDto[]> {
  await ensureIncident(incidentId);
  const rows = await prisma.runbookTick.findMany({ where: { incidentId }, orderBy: [{ tickedAt: "asc" }, { id: "asc" }] });
  return rows.map(toDto);
}

function describeStep(stepId: string) {
  const step = findStep(stepId);
  if (!step) throw new AppError("validation_failed", `Unknown runbook step "${stepId.slice(0, 80)}".`, { stepId: "Unknown runbook step." });
  const [slug, section] = stepId.split(".");
  const runbook = findRunbook(slug);
  const title = runbook?.title ?? { ko: slug, en: slug };
  // Plain objects (not the Localized interface) so Prisma accepts them as JSON; the facts are the timeline event's data.
  return {
    step,
    stepId,
    slug,
    section: section as RunbookSection,
    text: { ko: step.text.ko, en: step.text.en },
    runbook: { ko: title.ko, en: title.en },
  };
}

/** The incident's "runbook" timeline event of a tick or an untick, by the actor. */
async function recordOnTimeline(
  tx: Pick<typeof prisma, "timelineEvent">,
  actor: Actor,
  incidentId: number,
  at: Date,
  message: string,
  data: Prisma.InputJsonObject & { action: "tick" | "untick" },
) {
  await tx.timelineEvent.create({
    data: { incidentId, kind: "runbook", actorId: actor.userId, actorName: actor.label, message, data, createdAt: at },
  });
}

export interface TickOutcome {
  tick: RunbookTickDto;
  /** false when the step was already ticked (by anyone): nothing new was written */
  created: boolean;
}

export async function tickStep(actor: Actor, incidentId: number, stepId: string): Promise<TickOutcome> {
  requirePermission(actor, PERMISSION);
  const { step, ...stepFacts } = describeStep(stepId);
  const at = clockNow();
  try {
    const row = await prisma.$transaction(async (tx) => {
      await ensureIncident(incidentId, tx);
      const existing = await tx.runbookTick.findUnique({ where: { incidentId_stepId: { incidentId, stepId } } });
      if (existing) return null;
      const created = await tx.runbookTick.create({
        data: { incidentId, stepId, actorId: actor.userId, actorName: actor.label, tickedAt: at },
      });
      await recordOnTimeline(tx, actor, incidentId, at, `Runbook step done: ${step.text.en} (${stepId})`, {
        action: "tick",
        ...stepFacts,
      });
      await writeAudit(tx, actor, { action: "runbook.tick", entity: "incident", entityId: incidentId, after: { stepId }, at });
      return created;
    });
    if (row) {
      await publish(incidentTopic(incidentId));
      return { tick: toDto(row), created: true };
    }
  } catch (error) {
    // Two people ticking the same step at once: the unique index lets one win; the other sees that tick.
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await prisma.runbookTick.findUniqueOrThrow({ where: { incidentId_stepId: { incidentId, stepId } } });
  return { tick: toDto(existing), created: false };
}

export async function untickStep(actor: Actor, incidentId: number, stepId: string): Promise<void> {
  requirePermission(actor, PERMISSION);
  const { step, ...stepFacts } = describeStep(stepId);
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    await ensureIncident(incidentId, tx);
    const existing = await tx.runbookTick.findUnique({ where: { incidentId_stepId: { incidentId, stepId } } });
    if (!existing) throw new AppError("not_found", `Step ${stepId} is not ticked on incident ${incidentId}.`);
    // deleteMany: a concurrent untick deleting first leaves count 0 instead of an exception
    const deleted = await tx.runbookTick.deleteMany({ where: { id: existing.id } });
    if (deleted.count !== 1) throw new AppError("not_found", `Step ${stepId} is not ticked on incident ${incidentId}.`);
    await recordOnTimeline(tx, actor, incidentId, at, `Runbook step reopened: ${step.text.en} (${stepId})`, {
      action: "untick",
      ...stepFacts,
      tickedBy: existing.actorName,
    });
    await writeAudit(tx, actor, { action: "runbook.untick", entity: "incident", entityId: incidentId, before: toDto(existing), at });
  });
  await publish(incidentTopic(incidentId));
}
