import "server-only";
// Load + compute for already-parsed filters: what the page, the API, the weekly report and the benchmark share.
// (No message catalogues here, so the benchmark can run it outside Next.)
import { loadBusinessHours } from "../escalations/directory";
import { computeInsights } from "@/lib/domain/insights/compute";
import type { InsightsReport } from "@/lib/domain/insights/types";
import { loadInsightsInput } from "./load";

/** Settings' time zone (the business hours' zone): weeks start on its Mondays, dates in the filters are its days. */
export async function insightsTimeZone(): Promise<string> {
  return (await loadBusinessHours()).timeZone;
}

export async function computeInsightsFor(
  q: {
    from: Date;
    to: Date;
    severities: InsightsReport["filters"]["severities"];
    scenario: string | null;
    component?: string | null;
    includeDrills: boolean;
    postmortemDays: number;
  },
  timeZone: string,
  now: Date,
): Promise<InsightsReport> {
  const input = await loadInsightsInput({
    from: q.from,
    to: q.to,
    scenario: q.scenario,
    component: q.component ?? null,
    includeDrills: q.includeDrills,
  });
  return computeInsights(input, { ...q, timeZone }, now);
}
