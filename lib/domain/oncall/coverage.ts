// Coverage of the on-call schedules for the paging readiness check: a span with nobody on call pages the role's
// contacts-directory entry instead; with no entry either, an escalation step firing then reaches nobody. The check
// warns of those spans before they come (the next COVERAGE_HORIZON_DAYS), so a schedule can still be fixed. Pure: the
// caller resolves the gaps (lib/server/oncall) and passes the directory.
import type { ContactEntry } from "../notification-plan";

/** How far ahead coverage gaps are looked for (Settings, the escalations board, the readiness check). */
export const COVERAGE_HORIZON_DAYS = 14;

export interface CoverageGap {
  /** ISO 8601 */
  start: string;
  end: string;
}

export interface ScheduleGaps {
  scheduleId: string;
  role: string;
  name: string;
  gaps: CoverageGap[];
}

/**
 * fallback: who the directory pages in a gap (empty string for an entry without a name), null when the role has no
 * directory entry · paged: the role is paged by some severity (escalation step or on-call notification) ·
 * unreachable: paged, with gaps and no fallback — a notification in a gap reaches nobody
 */
export interface ScheduleCoverage extends ScheduleGaps {
  fallback: string | null;
  paged: boolean;
  unreachable: boolean;
}

export function scheduleCoverage(input: {
  schedules: ScheduleGaps[];
  /** the directory alone (not the on-call people): what is paged when nobody is on call */
  directory: ContactEntry[];
  pagedRoles: readonly string[];
}): ScheduleCoverage[] {
  const paged = new Set(input.pagedRoles);
  return input.schedules.map((s) => {
    const entries = input.directory.filter((c) => c.role === s.role);
    const fallback = entries.length === 0 ? null : (entries.map((c) => c.name.trim()).find(Boolean) ?? "");
    const isPaged = paged.has(s.role);
    return { ...s, fallback, paged: isPaged, unreachable: isPaged && s.gaps.length > 0 && fallback === null };
  });
}
