// A drill's score (0–100): how the team's mitigation time compares with the severity's target, measured
// from the drill incident's start (the first alert). Within the target = 100; beyond it the score falls in
// proportion (twice the target = 50); never mitigated, or no incident opened = 0.
import { SEVERITY_TARGET_MS } from "../severity";
import type { InsightDrill } from "./types";

export function drillScore(drill: InsightDrill): number {
  if (!drill.incidentSeverity || !drill.incidentStartedAt || !drill.mitigatedAt) return 0;
  const took = Math.max(0, drill.mitigatedAt.getTime() - drill.incidentStartedAt.getTime());
  const target = SEVERITY_TARGET_MS[drill.incidentSeverity];
  return took <= target ? 100 : Math.round((100 * target) / took);
}
