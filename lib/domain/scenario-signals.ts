// Which of the manual's alert rules each scenario trips, and from that the signals that matter for an
// incident: the rules that opened or joined it (its timeline), the rules its scenario trips, and
// whatever fires right now, in that order. The simulator's faults and the room's metrics strip share it.
import { ALERT_RULES, type AlertRuleName, type SignalId } from "./alert-rules";
import { isScenarioSlug, type ScenarioSlug } from "./scenarios";

/** The rules each scenario makes fire (the simulator's faults are built to trip exactly these). */
export const SCENARIO_RULES: Readonly<Record<ScenarioSlug, readonly AlertRuleName[]>> = {
  "redis-lock-timeout": ["HighResponseTime", "PaymentFailureSpike"],
  "db-deadlock": ["PaymentFailureSpike"],
  "connection-pool-exhaustion": ["HighErrorRate", "HighResponseTime"],
  "slow-query-surge": ["HighResponseTime", "HighCPUUsage"],
  "redis-cache-down": ["HighResponseTime", "HighCPUUsage"],
  "kafka-consumer-lag": ["CouponIssueDelay"],
};

/** The rules named by the incident's alert entries ("alert", "alert-resolved"), in timeline order. */
export function rulesFromTimeline(events: readonly { kind: string; data: unknown }[] | undefined): string[] {
  const names: string[] = [];
  for (const e of events ?? []) {
    if (e.kind !== "alert" && e.kind !== "alert-resolved") continue;
    const rule = (e.data as { rule?: unknown } | null)?.rule;
    if (typeof rule === "string") names.push(rule);
  }
  return names;
}

export interface IncidentSignalFacts {
  /** rules that opened or joined the incident (rulesFromTimeline) */
  alertRules: readonly string[];
  scenario: string | null | undefined;
  /** rules firing now */
  firing: readonly string[];
}

/** The signals that matter for the incident, most relevant first, each once, at most `limit`. */
export function signalsForIncident(facts: IncidentSignalFacts, limit = 4): SignalId[] {
  const fromScenario = facts.scenario && isScenarioSlug(facts.scenario) ? SCENARIO_RULES[facts.scenario] : [];
  const signals: SignalId[] = [];
  for (const name of [...facts.alertRules, ...fromScenario, ...facts.firing]) {
    const rule = ALERT_RULES.find((r) => r.name === name);
    if (rule && !signals.includes(rule.signal)) signals.push(rule.signal);
  }
  return signals.slice(0, limit);
}
