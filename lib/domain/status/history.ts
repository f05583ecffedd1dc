// The 90-day history bars of the public page: one bar per day and component, coloured by the worst impact
// any incident had on that component during that day (in the page's time zone). Computed from incidents,
// never stored, so a corrected impact corrects the history too.
import { worseState, type ComponentState, type Impact } from "./components";

export const HISTORY_DAYS = 90;

export interface HistoryIncident {
  componentId: string;
  impact: Impact;
  startedAt: Date;
  /** null while open */
  resolvedAt: Date | null;
}

export interface DayBar {
  /** YYYY-MM-DD in the time zone */
  date: string;
  state: ComponentState;
  /** minutes of that day with any impact */
  impactMinutes: number;
}

const DAY_MS = 86_400_000;

/** Offset of a fixed-offset zone (Asia/Seoul has no daylight saving time; the page uses it). */
export const SEOUL_OFFSET_MS = 9 * 3_600_000;

function dayStart(t: number, offsetMs: number): number {
  return Math.floor((t + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
}

function isoDate(start: number, offsetMs: number): string {
  return new Date(start + offsetMs).toISOString().slice(0, 10);
}

/**
 * Bars for the last `days` days ending today (oldest first) for each component id. Incidents are matched
 * to days by overlap; an open incident lasts until `now`.
 */
export function historyBars(
  componentIds: string[],
  incidents: HistoryIncident[],
  now: Date,
  options: { days?: number; offsetMs?: number } = {},
): Map<string, DayBar[]> {
  const days = options.days ?? HISTORY_DAYS;
  const offset = options.offsetMs ?? SEOUL_OFFSET_MS;
  const today = dayStart(now.getTime(), offset);
  const first = today - (days - 1) * DAY_MS;
  const bars = new Map<string, DayBar[]>(
    componentIds.map((id) => [
      id,
      Array.from({ length: days }, (_, i) => ({
        date: isoDate(first + i * DAY_MS, offset),
        state: "operational" as ComponentState,
        impactMinutes: 0,
      })),
    ]),
  );
  for (const inc of incidents) {
    const row = bars.get(inc.componentId);
    if (!row) continue;
    const from = Math.max(inc.startedAt.getTime(), first);
    const to = Math.min((inc.resolvedAt ?? now).getTime(), now.getTime());
    if (to <= from && !(to === from && inc.resolvedAt === null)) continue;
    for (let d = dayStart(from, offset); d <= to && d <= today; d += DAY_MS) {
      const i = Math.round((d - first) / DAY_MS);
      if (i < 0 || i >= days) continue;
      const overlap = Math.min(to, d + DAY_MS) - Math.max(from, d);
      row[i].state = worseState(row[i].state, inc.impact);
      row[i].impactMinutes += Math.max(0, Math.round(overlap / 60_000));
    }
  }
  return bars;
}

/** Share of the period without any impact, as the page prints it ("99.95 %"). */
export function uptimePercent(bars: DayBar[]): number {
  if (bars.length === 0) return 100;
  const total = bars.length * 1440;
  const down = bars.reduce((sum, b) => sum + Math.min(1440, b.impactMinutes), 0);
  return Math.floor(((total - down) / total) * 10_000) / 100;
}
