// The incident list order: open first, then worst severity, then least time left.
import { severityRank, type Severity } from "./severity";
import type { Status } from "./status";

export interface Sortable {
  status: Status;
  severity: Severity;
  sla: { remainingMs: number };
  startedAt: string;
}

export function compareIncidents(a: Sortable, b: Sortable): number {
  const openA = a.status === "resolved" ? 1 : 0;
  const openB = b.status === "resolved" ? 1 : 0;
  if (openA !== openB) return openA - openB;
  if (openA === 1) return b.startedAt.localeCompare(a.startedAt); // resolved: newest first
  const bySeverity = severityRank(a.severity) - severityRank(b.severity);
  if (bySeverity !== 0) return bySeverity;
  return a.sla.remainingMs - b.sla.remainingMs;
}
