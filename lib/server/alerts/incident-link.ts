import "server-only";
// Opening an incident from an alert (automatically or by one click) and writing later alert events on
// its timeline. One correlation key (the alert's name) has at most one open incident, also with several
// instances, the engine and Alertmanager, and people clicking at once: the key is claimed first
// (correlation.ts), then the incident is declared, the key settled on it and the key's other firing
// alerts attached (sweepKey).
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { toJsonValue } from "../json";
import { declareIncident, getIncident, incidentTopic } from "../incidents";
import type { IncidentDto } from "../incident-dto";
import { ALERTS_TOPIC } from "./topics";
import { engineActor } from "./actors";
import { findActiveDrill } from "./drills";
import { chartPath, ruleFiringText, ruleTimelineData } from "./timeline-text";
import { findAlertRule, formatSignalValue, SIGNALS, type AlertRule } from "@/lib/domain/alert-rules";
import type { Severity } from "@/lib/domain/severity";
import { TITLE_MAX } from "@/lib/domain/incident-input";
import { claimKey, incidentOfKey, openIncidentOf, releaseKey, settleKey } from "./correlation";
import { labelsOf, type Tx } from "./state-store";
import { groupChangeFacts } from "@/lib/domain/alert-groups";
import { externalGroupText, ruleJoinedText } from "./timeline-text";

export { openIncidentOf };

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
  kind: "alert" | "alert-resolved" | "alert-nodata";
  actorLabel: string;
  message: string;
  data: Record<string, unknown>;
}

/** Write a feature entry on an incident's timeline (with its audit row) inside the caller's transaction. */
export async function recordOnIncidentTx(tx: Tx, incidentId: number, entry: TimelineEntry, at: Date): Promise<void> {
  await tx.timelineEvent.create({
    data: {
      incidentId,
      kind: entry.kind,
      actorId: null,
      actorName: entry.actorLabel,
      message: entry.message,
      data: toJsonValue(entry.data),
      createdAt: at,
    },
  });
  const actor: Actor = { kind: "token", userId: null, tokenId: null, label: entry.actorLabel, role: "commander" };
  await writeAudit(tx, actor, { action: `incident.${entry.kind}`, entity: "incident", entityId: incidentId, after: entry.data, at });
}

/** Write a feature entry on an incident's timeline (with its audit row) and tell open rooms. */
export async function recordOnIncident(incidentId: number, entry: TimelineEntry): Promise<void> {
  const at = clockNow();
  await prisma.$transaction((tx) => recordOnIncidentTx(tx, incidentId, entry, at));
  await publish(incidentTopic(incidentId));
}

/**
 * After a key's incident is settled: attach every firing alert of the key that has no open incident
 * (Alertmanager alerts and the app's rule alerts of that name) and say so on the timeline, one row per
 * source. `except` is the opener's own alert (its row is written by the opener).
 */
export async function sweepKey(key: string, incidentId: number, except: { fingerprint?: string; alertId?: string } = {}): Promise<void> {
  const at = clockNow();
  const external = await prisma.alertmanagerAlert.findMany({
    where: { correlationKey: key, status: "firing", OR: [{ incidentId: null }, { incidentId: { not: incidentId } }] },
  });
  const orphans = [];
  const openOf = new Map<number | null, number | null>();
  for (const row of external) {
    if (row.fingerprint === except.fingerprint) continue;
    if (!openOf.has(row.incidentId)) openOf.set(row.incidentId, await openIncidentOf(row.incidentId));
    if (!openOf.get(row.incidentId)) orphans.push(row);
  }
  if (orphans.length > 0) {
    const ids = orphans.map((r) => r.fingerprint);
    const firingNow = await prisma.alertmanagerAlert.count({ where: { correlationKey: key, status: "firing" } });
    const facts = groupChangeFacts({
      fired: orphans.map((r) => ({ fingerprint: r.fingerprint, labels: labelsOf(r.labels), annotations: labelsOf(r.annotations) })),
      resolved: [],
      firingNow,
    });
    const name = orphans[0].alertname;
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < ids.length; i += 500) {
        await tx.alertmanagerAlert.updateMany({
          where: { fingerprint: { in: ids.slice(i, i + 500) } },
          data: { incidentId, followUp: null },
        });
      }
      await recordOnIncidentTx(
        tx,
        incidentId,
        {
          kind: "alert",
          actorLabel: `alertmanager:${name || key}`,
          message: externalGroupText(name || key, facts, "joined"),
          data: { source: "alertmanager", alertname: name, correlationKey: key, joined: true, ...facts },
        },
        at,
      );
    });
  }
  const rules = await prisma.alertState.findMany({
    where: { ruleName: key, state: "firing", OR: [{ incidentId: null }, { incidentId: { not: incidentId } }] },
  });
  for (const row of rules) {
    if (row.id === except.alertId || (await openIncidentOf(row.incidentId))) continue;
    const rule = findAlertRule(row.ruleName);
    if (!rule) continue;
    const joined = await prisma.alertState.updateMany({ where: { id: row.id, incidentId: row.incidentId }, data: { incidentId } });
    if (joined.count !== 1) continue;
    await recordOnIncident(incidentId, {
      kind: "alert",
      actorLabel: engineActor(rule.name).label,
      message: ruleJoinedText(rule, row.value ?? NaN),
      data: ruleTimelineData(
        { rule, value: row.value ?? NaN, activeAt: (row.activeAt ?? row.firedAt ?? at).getTime(), firedAt: (row.firedAt ?? at).getTime() },
        { alertId: row.id, joined: true, correlationKey: key },
      ),
    });
  }
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
export async function openIncidentForRuleAlert(
  actor: Actor,
  id: string,
  /** `locale`: the language of whoever opens it (the rule engine writes the manual's Korean) */
  options: { expectFiredAt?: number; locale?: Locale } = {},
): Promise<OpenResult | null> {
  requirePermission(actor, "incident.declare");
  const row = await prisma.alertState.findUnique({ where: { id } });
  const rule = row ? findAlertRule(row.ruleName) : undefined;
  if (!row || !rule) throw notFound(`Alert ${id.slice(0, 80)}`);
  if (!canOpenFromRule(rule))
    throw new AppError(
      "validation_failed",
      `${rule.name} is a ${rule.severity} rule: only P0–P2 alerts open incidents. Declare one by hand if needed.`,
    );
  if (options.expectFiredAt !== undefined && (row.state !== "firing" || row.firedAt?.getTime() !== options.expectFiredAt)) return null;
  if (row.state !== "firing" || !row.firedAt) {
    throw new AppError(
      "conflict",
      `${rule.name} is ${row.state}, not firing: an incident opens once the condition has held for the rule's duration.`,
    );
  }
  const at = clockNow();
  const existing = (await openIncidentOf(row.incidentId)) ?? (await incidentOfKey(rule.name));
  if (existing) return { incident: await joinRuleAlert(existing, id), created: false };
  const claim = await claimKey(rule.name, at);
  if (claim.kind === "open") return { incident: await joinRuleAlert(claim.incidentId, id), created: false };
  if (claim.kind === "busy") {
    if (options.expectFiredAt !== undefined) return null; // the opener's sweep attaches this alert
    throw new AppError("conflict", `An incident for ${rule.name} is being opened right now; reload in a moment.`);
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
        // One language, and the chart as a path the room shows as a short 차트/chart link (components/ui/linked-text.tsx).
        description: `${rule.description[options.locale ?? DEFAULT_LOCALE]}\n${chartPath(rule, row.firedAt)}`,
      },
      { source: "alert", startedAt: row.firedAt, isDrill: drill !== null },
    );
  } catch (error) {
    await releaseKey(rule.name, claim.claimedAt);
    throw error;
  }
  await prisma.alertState.update({ where: { id }, data: { incidentId: incident.id } });
  await settleKey(rule.name, claim.claimedAt, incident.id);
  const facts = { rule, value: row.value ?? NaN, activeAt: (row.activeAt ?? row.firedAt).getTime(), firedAt: row.firedAt.getTime() };
  await recordOnIncident(incident.id, {
    kind: "alert",
    actorLabel: engineActor(rule.name).label,
    message: ruleFiringText(facts),
    data: ruleTimelineData(facts, { alertId: id, openedBy: actor.label, drillId: drill?.id ?? null, correlationKey: rule.name }),
  });
  await sweepKey(rule.name, incident.id, { alertId: id });
  await publish(ALERTS_TOPIC);
  return { incident: await getIncident(incident.id), created: true };
}

/** A rule alert joins the open incident of its key (opened by Alertmanager, or an earlier episode). */
export async function joinRuleAlert(incidentId: number, id: string): Promise<IncidentDto> {
  const row = await prisma.alertState.findUnique({ where: { id } });
  if (row && row.incidentId !== incidentId) {
    await prisma.alertState.update({ where: { id }, data: { incidentId } });
    const rule = findAlertRule(row.ruleName);
    if (rule) {
      await recordOnIncident(incidentId, {
        kind: "alert",
        actorLabel: engineActor(rule.name).label,
        message: ruleJoinedText(rule, row.value ?? NaN),
        data: ruleTimelineData(
          {
            rule,
            value: row.value ?? NaN,
            activeAt: (row.activeAt ?? row.firedAt ?? clockNow()).getTime(),
            firedAt: (row.firedAt ?? clockNow()).getTime(),
          },
          { alertId: id, joined: true, correlationKey: rule.name },
        ),
      });
    }
    await publish(ALERTS_TOPIC);
  }
  return getIncident(incidentId);
}
