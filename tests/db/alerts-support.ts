// Shared by the alert, drill and Alertmanager db tests: a clean slate for the feature's tables and a
// fingerprint of everything they write.
import { prisma } from "@/lib/server/db";
import { runEvaluation, type EvaluationResult } from "@/lib/server/alerts/engine";
import type { ConfiguredSource } from "@/lib/server/metrics/source";
import { ALERT_RULES } from "@/lib/domain/alert-rules";

export const INTERVAL = 5_000;

/**
 * Forget every alert, fault, drill and engine claim, and the alerts' audit rows (incidents stay; tests compare
 * counts). The audit rows matter: every file that evaluates the simulator's pool-exhaustion fault writes
 * alert.pending/alert.firing rows for the same alert id ("HighErrorRate{}"), and Vitest orders the files of a run by
 * their last durations (longest first, failed first), so under load another alerts file may run first and its rows
 * would read as extra transitions of this test's alert.
 */
export async function resetAlerting() {
  await prisma.auditLog.deleteMany({ where: { entity: "alert" } });
  await prisma.alertState.deleteMany();
  await prisma.alertmanagerAlert.deleteMany();
  await prisma.alertCorrelation.deleteMany();
  await prisma.simulatorFault.deleteMany();
  await prisma.drill.deleteMany();
  await prisma.appSetting.deleteMany({ where: { key: { in: ["alerts.engine", "alerts.autoOpen", "drills.active"] } } });
}

export async function featureCounts() {
  const [incidents, timeline, audit, alertStates, amAlerts, drills, faults] = await Promise.all([
    prisma.incident.count(),
    prisma.timelineEvent.count(),
    prisma.auditLog.count(),
    prisma.alertState.count(),
    prisma.alertmanagerAlert.count(),
    prisma.drill.count(),
    prisma.simulatorFault.count(),
  ]);
  return { incidents, timeline, audit, alertStates, amAlerts, drills, faults };
}

/** Evaluate every slot from `from` to `to` (inclusive), like the loop does; returns each result. */
export async function evaluateSlots(
  from: number,
  to: number,
  options: { autoOpen?: boolean; source?: ConfiguredSource } = {},
): Promise<EvaluationResult[]> {
  const results: EvaluationResult[] = [];
  for (let t = from; t <= to; t += INTERVAL) {
    results.push(await runEvaluation({ at: new Date(t), intervalMs: INTERVAL, autoOpen: options.autoOpen, source: options.source }));
  }
  return results;
}

export function ruleNamed(name: string) {
  const rule = ALERT_RULES.find((r) => r.name === name);
  if (!rule) throw new Error(`no rule ${name}`);
  return rule;
}
