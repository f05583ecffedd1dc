// Which runbooks to offer for an incident that has no scenario yet: the scenarios whose symptoms raise
// the alert it came from (an alert-opened incident names its rule in the title), then those whose
// symptom phrases appear in its title and description.
import { ALERT_RULES } from "./alert-rules";
import { SCENARIOS, suggestScenarios, type Scenario } from "./scenarios";
import { SCENARIO_RULES } from "./scenario-signals";

/** The manual's rules named in the text (e.g. "HighErrorRate: 5xx 에러 비율 30.5 %"). */
export function rulesNamedIn(text: string): string[] {
  return ALERT_RULES.filter((rule) => new RegExp(`\\b${rule.name}\\b`).test(text)).map((rule) => rule.name);
}

export function suggestRunbooks(incident: { title: string; description?: string | null }, limit = 3): Scenario[] {
  const text = `${incident.title} ${incident.description ?? ""}`;
  const rules = rulesNamedIn(text);
  // Scenarios raising more of the named rules first, in the manual's order otherwise.
  const byAlert = SCENARIOS.map((s) => ({ s, hits: SCENARIO_RULES[s.slug].filter((r) => rules.includes(r)).length }))
    .filter((x) => x.hits > 0)
    .sort((a, b) => b.hits - a.hits)
    .map((x) => x.s);
  const out: Scenario[] = [...byAlert];
  for (const s of suggestScenarios(text)) if (!out.includes(s)) out.push(s);
  return out.slice(0, limit);
}
