// The query string of the insights page and GET /api/v1/insights: from/to (ISO instants or YYYY-MM-DD dates in
// the report's time zone), severity (one or a comma list), scenario, component (a status page component's slug),
// drills (include | exclude), days.
import { z } from "zod";
import { SEVERITIES, type Severity } from "../severity";
import { zonedTimeToUtc } from "../business-hours";

const DAY = 86_400_000;
/** A range longer than this is refused: the weekly series and the query would grow without bound. */
export const MAX_RANGE_DAYS = 400;
export const DEFAULT_RANGE_DAYS = 28;

export const insightsQueryInput = z.strictObject({
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  severity: z.string().max(20).optional(),
  scenario: z.string().max(80).optional(),
  component: z.string().max(64).optional(),
  drills: z.enum(["include", "exclude"]).optional(),
  days: z.coerce.number().int().min(1).max(90).optional(),
});
export type InsightsQueryInput = z.infer<typeof insightsQueryInput>;

export type ParsedQuery =
  | {
      ok: true;
      from: Date;
      to: Date;
      severities: Severity[];
      scenario: string | null;
      component: string | null;
      includeDrills: boolean;
      postmortemDays: number;
    }
  | { ok: false; field: "from" | "to" | "severity"; problem: "date" | "order" | "range" | "severity" };

function parseInstant(value: string, timeZone: string, endOfDay: boolean): Date | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = zonedTimeToUtc(y, m, d, 0, timeZone);
    if (Number.isNaN(start.getTime()) || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) return null;
    // A date as "to" includes that whole day.
    return endOfDay ? zonedTimeToUtc(y, m, d + 1, 0, timeZone) : start;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function parseInsightsQuery(input: InsightsQueryInput, now: Date, timeZone: string): ParsedQuery {
  const to = input.to ? parseInstant(input.to, timeZone, true) : now;
  if (!to) return { ok: false, field: "to", problem: "date" };
  const from = input.from ? parseInstant(input.from, timeZone, false) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY);
  if (!from) return { ok: false, field: "from", problem: "date" };
  if (from >= to) return { ok: false, field: "from", problem: "order" };
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) return { ok: false, field: "from", problem: "range" };
  const severities = (input.severity ?? "")
    .split(",")
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (severities.some((s) => !(SEVERITIES as readonly string[]).includes(s))) return { ok: false, field: "severity", problem: "severity" };
  return {
    ok: true,
    from,
    to,
    severities: [...new Set(severities)] as Severity[],
    scenario: input.scenario?.trim() || null,
    component: input.component?.trim() || null,
    includeDrills: input.drills === "include",
    postmortemDays: input.days ?? 5,
  };
}
