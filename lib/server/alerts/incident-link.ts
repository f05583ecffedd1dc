import "server-only";
// Opening an incident from an alert (automatically or by one click) and writing later alert events on
// its timeline. One alert episode opens at most one incident, also with several instances and people
// clicking at once: the alert row's incidentId is claimed first (null → 0, a conditional UPDATE that
// exactly one caller wins), then the incident is declared and the claim replaced by its id.
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { declareIncident, getIncident, incidentTopic } from "../incidents";
import type { IncidentDto } from "../incident-dto";
import { ALERTS_TOPIC } from "./topics";
import { engineActor } from "./actors";
import { findActiveDrill } from "./drills";
import { chartPath, ruleFiringText, ruleTimelineData } from "./timeline-text";
import { findAlertRule, formatSignalValue, SIGNALS, type AlertRule } from "@/lib/domain/alert-rules";
import type { Severity } from "@/lib/domain/severity";
import { TITLE_MAX } from "@/lib/domain/incident-input";

/** Severities an alert may open an incident for (P3 is a degradation: shown, not escalated). */
export const OPENABLE: readonly Severity[] = ["P0", "P1", "P2"];

/** One click is offered for any firing P0–P2 rule, team-notify rules included. */
export function canOpenFromRule(rule: AlertRule): boolean {
  return OPENABLE.includes(rule.severity);
}

/** Automatic opening only for the rules whose action is an alert of a severity (not "notify a team"). */
export function autoOpens(rule: AlertRule): boolean {
  return rule.action.kind === "severity" && canOpenFromRule(rule);
}

export interface OpenResult {
  incident: IncidentDto;
  created: boolean;
}

export interface TimelineEntry {
  kind: "alert" | "alert-resolved";
  actorLabel: string;
  message: string;
  data: Record<string, unknown>;
}

/** Write a feature entry on an incident's timeline (with its audit row) and tell open rooms. */
export async function recordOnIncident(incidentId: number, entry: TimelineEntry): Promise<void> {
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    await tx.timelineEvent.create({
      data: { incidentId, kind: entry.kind, actorId: null, actorName: entry.actorLabel, message: entry.message, data: JSON.parse(JSON.stringify(entry.data)), createdAt: at },
    });
    const actor: Actor = { kind: "token", userId: null, tokenId: null, label: entry.actorLabel, role: "commander" };
    await writeAudit(tx, actor, { action: `incident.${entry.kind}`, entity: "incident", entityId: incidentId, after: entry.data, at });
  });
  await publish(incidentTopic(incidentId)).catch(() => undefined);
}

/** An incident is "the alert's" only while it is open; a resolved one lets the next episode open anew. */
export async function openIncidentOf(incidentId: number | null): Promise<number | null> {
  if (!incidentId || incidentId <= 0) return null;
  const incident = await prisma.incident.findUnique({ where: { id: incidentId }, select: { status: true } });
  return incident && incident.status !== "resolved" ? incidentId : null;
}

function ruleTitle(rule: AlertRule, value: number | null): string {
  const current = value === null ? "" : ` ${formatSignalValue(value, rule.unit)}`;
  const title = `${rule.name}: ${SIGNALS[rule.signal].label.ko}${current} (${rule.comparator} ${formatSignalValue(rule.threshold, rule.unit)})`;
  return title.slice(0, TITLE_MAX);
}

/**
 * Open an incident for a firing rule alert (AlertState id). Idempotent: when the episode already has an
 * open incident, that one is returned with created=false. `expectFiredAt` (the engine) skips quietly
 * when the alert has meanwhile resolved or fired anew.
 */
export async function openIncidentForRuleAlert(actor: Actor, id: string, options: { expectFiredAt?: number } = {}): Promise<OpenResult | null> {
  requirePermission(actor, "incident.declare");
  const row = await prisma.alertState.findUnique({ where: { id } });
  const rule = row ? findAlertRule(row.ruleName) : undefined;
  if (!row || !rule) throw notFound(`Alert ${id.slice(0, 80)}`);
  if (!canOpenFromRule(rule)) throw new AppError("validation_failed", `${rule.name} is a ${rule.severity} rule: only P0–P2 alerts open incidents. Declare one by hand if needed.`);
  if (options.expectFiredAt !== undefined && (row.state !== "firing" || row.firedAt?.getTime() !== options.expectFiredAt)) return null;
  if (row.state !== "firing" || !row.firedAt) {
    throw new AppError("conflict", `${rule.name} is ${row.state}, not firing: an incident opens once the condition has held for the rule's duration.`);
  }
  const existing = await openIncidentOf(row.incidentId);
  if (existing) return { incident: await getIncident(existing), created: false };
  if (row.incidentId === 0) throw new AppError("conflict", `An incident for ${rule.name} is being opened right now; reload in a moment.`);
  if (row.incidentId !== null) await prisma.alertState.updateMany({ where: { id, incidentId: row.incidentId }, data: { incidentId: null } });

  const claim = await prisma.alertState.updateMany({ where: { id, state: "firing", firedAt: row.firedAt, incidentId: null }, data: { incidentId: 0 } });
  if (claim.count !== 1) {
    const now = await prisma.alertState.findUnique({ where: { id } });
    const winner = await openIncidentOf(now?.incidentId ?? null);
    if (winner) return { incident: await getIncident(winner), created: false };
    throw new AppError("conflict", `The alert ${rule.name} changed while opening the incident; reload and try again.`);
  }

  const drill = await findActiveDrill();
  let incident: IncidentDto;
  try {
    incident = await declareIncident(
      actor,
      {
        title: ruleTitle(rule, row.value),
        severity: rule.severity,
        scenario: drill?.scenario ?? null,
        description: `${rule.description.ko}\n${rule.description.en}\n${chartPath(rule, row.firedAt)}`,
      },
      { source: "alert", startedAt: row.firedAt, isDrill: drill !== null },
    );
  } catch (error) {
    await prisma.alertState.updateMany({ where: { id, incidentId: 0 }, data: { incidentId: null } });
    throw error;
  }
  await prisma.alertState.updateMany({ where: { id, incidentId: 0 }, data: { incidentId: incident.id } });
  const facts = { rule, value: row.value ?? NaN, activeAt: (row.activeAt ?? row.firedAt).getTime(), firedAt: row.firedAt.getTime() };
  await recordOnIncident(incident.id, {
    kind: "alert",
    actorLabel: engineActor(rule.name).label,
    message: ruleFiringText(facts),
    data: ruleTimelineData(facts, { alertId: id, openedBy: actor.label, drillId: drill?.id ?? null }),
  });
  await publish(ALERTS_TOPIC).catch(() => undefined);
  return { incident: await getIncident(incident.id), created: true };
}
