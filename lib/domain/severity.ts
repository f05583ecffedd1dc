// Severity levels of the manual (section 1.3) and their resolution targets.
import { oneOf } from "@/lib/domain/one-of";
export const SEVERITIES = ["P0", "P1", "P2", "P3"] as const;
export type Severity = (typeof SEVERITIES)[number];

const MINUTE = 60_000;

export const SEVERITY_TARGET_MS: Record<Severity, number> = {
  P0: 15 * MINUTE,
  P1: 30 * MINUTE,
  P2: 120 * MINUTE,
  P3: 240 * MINUTE,
};

export const isSeverity = oneOf(SEVERITIES);

/** Lower rank = more severe; used to sort lists "worst first". */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
