// Shared by the alert, drill and Alertmanager db tests: a clean slate for the feature's tables and a
// fingerprint of everything they write.
import { prisma } from "@/lib/server/db";
import { runEvaluation, type EvaluationResult } from "@/lib/server/alerts/engine";
import { ALERT_RULES } from "@/lib/domain/alert-rules";

export const INTERVAL = 5_000;

/** Forget every alert, fault, drill and engine claim (incidents stay; tests compare counts). */
export async function resetAlerting() {
  await prisma.alertState.deleteMany();
  await prisma.alertmanagerAlert.deleteMany();
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
export async function evaluateSlots(from: number, to: number, options: { autoOpen?: boolean } = {}): Promise<EvaluationResult[]> {
  const results: EvaluationResult[] = [];
  for (let t = from; t <= to; t += INTERVAL) results.push(await runEvaluation({ at: new Date(t), intervalMs: INTERVAL, autoOpen: options.autoOpen }));
  return results;
}

export function ruleNamed(name: string) {
  const rule = ALERT_RULES.find((r) => r.name === name);
  if (!rule) throw new Error(`no rule ${name}`);
  return rule;
}
