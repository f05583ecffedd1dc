// Median and p90 of durations. Median: the middle value, or the mean of the two middle values. p90: the
// nearest-rank percentile (the smallest value with at least 90 % of the values at or below it), so it is
// always a duration that really happened.
import type { DurationFigure } from "./types";

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Ids behind a figure are capped so a report over thousands of incidents stays small; `n` keeps the count. */
export const MAX_IDS = 200;

export function capIds<T>(ids: T[]): T[] {
  return ids.length > MAX_IDS ? ids.slice(0, MAX_IDS) : ids;
}

export function durationFigure(samples: { id: number; ms: number }[]): DurationFigure {
  const values = samples.map((s) => s.ms);
  return { n: samples.length, medianMs: median(values), p90Ms: percentile(values, 90), incidentIds: capIds(samples.map((s) => s.id)) };
}
