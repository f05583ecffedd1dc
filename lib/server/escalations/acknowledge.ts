import "server-only";
// Acknowledging a fired escalation step: records who and when on the firing, the incident timeline and
// the audit log, and stops that step's reminders (not the later steps: the matrix is about elapsed time) and its pages
// still waiting for a personal rule's delay, for everybody the step paged.
import { prisma } from "../db";
import { publish } from "../change-bus";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { AppError, notFound } from "../errors";
import { now as clockNow } from "../clock";
import { roleLabel } from "@/lib/domain/notification-plan";
import { ESCALATIONS_TOPIC, incidentRoomChange } from "./topics";
import type { AcknowledgeResult } from "./dto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AckVia } from "@/lib/domain/reach/ack-via";
import { cancelWaitingPages } from "./cancel";

export interface AcknowledgeOptions {
  /** how the person acknowledged (recorded on the timeline); "app" when absent */
  via?: AckVia;
  /** runs inside the acknowledgement's transaction (an acknowledge link marks itself used there) */
  within?: (tx: Prisma.TransactionClient) => Promise<void>;
}

/** `stepId` is the firing's id (from the board or the API) or the step key ("team_lead"). */
export async function acknowledgeStep(
  actor: Actor,
  incidentId: number,
  stepId: string,
  options: AcknowledgeOptions = {},
): Promise<AcknowledgeResult> {
  const via = options.via ?? "app";
  requirePermission(actor, "escalation.ack");
  const at = clockNow();
  const incident = await prisma.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
  if (!incident) throw notFound(`Incident ${incidentId}`);
  const named = await prisma.escalationFiring.findFirst({ where: { incidentId, OR: [{ id: stepId }, { fireKey: stepId }] } });
  if (!named) throw notFound(`Escalation step ${stepId.slice(0, 60)} of incident ${incidentId}`);
  // A reminder is acknowledged through its step's first firing, which carries the acknowledgement.
  const step =
    named.fireKey === named.stepKey
      ? named
      : await prisma.escalationFiring.findUnique({ where: { incidentId_fireKey: { incidentId, fireKey: named.stepKey } } });
  if (!step) throw notFound(`Escalation step ${named.stepKey} of incident ${incidentId}`);
  if (!step.firedAt) {
    throw new AppError("conflict", `The ${roleLabel(step.role).en} step has not fired yet; there is nothing to acknowledge.`);
  }
  const by = actor.label;
  const result = await prisma.$transaction(async (tx) => {
    const won = await tx.escalationFiring.updateMany({
      where: { id: step.id, acknowledgedAt: null },
      data: { acknowledgedAt: at, acknowledgedById: actor.userId ?? actor.tokenId, acknowledgedBy: by },
    });
    if (won.count !== 1) return null;
    await options.within?.(tx);
    const cancelledPages = await cancelWaitingPages(tx, incidentId, step.stepKey, at);
    await tx.timelineEvent.create({
      data: {
        incidentId,
        kind: "escalation-ack",
        actorId: actor.userId,
        actorName: by,
        message: `Escalation to ${roleLabel(step.role).en} acknowledged by ${by}${via === "app" ? "" : ` (${via})`}`,
        data: { firingId: step.id, role: step.role, stepKey: step.stepKey, by, via, cancelledPages },
        createdAt: at,
      },
    });
    await writeAudit(tx, actor, {
      action: "escalation.ack",
      entity: "escalationFiring",
      entityId: step.id,
      before: { acknowledgedAt: null },
      after: { incidentId, role: step.role, acknowledgedAt: at.toISOString(), acknowledgedBy: by, via },
      at,
    });
    return { acknowledgedAt: at, acknowledgedBy: by };
  });
  if (!result) {
    const current = await prisma.escalationFiring.findUniqueOrThrow({ where: { id: step.id } });
    return {
      id: step.id,
      key: step.stepKey,
      role: step.role,
      acknowledgedAt: current.acknowledgedAt!.toISOString(),
      acknowledgedBy: current.acknowledgedBy ?? "",
      alreadyAcknowledged: true,
    };
  }
  await publish(ESCALATIONS_TOPIC, incidentRoomChange(incidentId));
  return {
    id: step.id,
    key: step.stepKey,
    role: step.role,
    acknowledgedAt: at.toISOString(),
    acknowledgedBy: by,
    alreadyAcknowledged: false,
  };
}
