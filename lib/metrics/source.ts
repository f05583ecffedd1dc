// The one interface every metric source implements (embedded simulator, Prometheus).
// Times are epoch milliseconds or Dates; values are numbers (NaN and ±Inf allowed).
import type { SignalId } from "@/lib/domain/alert-rules";
import type { Labels, Point, Sample, Series } from "@/lib/domain/rule-engine";

export type { Labels, Point, Sample, Series };

export type TimeInput = Date | number;

export interface MetricSource {
  readonly kind: "simulator" | "prometheus";
  /** Value of every series of the signal at `at`; each series has exactly one point. */
  instant(signal: SignalId, at: TimeInput): Promise<Series[]>;
  /**
   * Series of the signal at `start + n·step` (n ≥ 0, ≤ end). A series may miss points (no data at
   * that step): never assume equal-length arrays across series.
   */
  range(signal: SignalId, start: TimeInput, end: TimeInput, stepMs: number): Promise<Series[]>;
}

/** Prometheus' limit: (end - start) / step must not exceed 11,000 points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;

export function toMs(t: TimeInput): number {
  return typeof t === "number" ? t : t.getTime();
}

/** The step actually used for a range: at least `stepMs`, and coarse enough for ≤ 11,000 points. */
export function clampStepMs(startMs: number, endMs: number, stepMs: number): number {
  if (!(stepMs > 0) || !Number.isFinite(stepMs)) throw new RangeError(`step must be a positive number of ms, got ${stepMs}`);
  if (!(endMs >= startMs)) throw new RangeError("end must not be before start");
  return Math.max(stepMs, Math.ceil((endMs - startMs) / MAX_POINTS_PER_SERIES));
}

/** The instant vector of an `instant()` answer, ready for the rule engine. */
export function toSamples(series: readonly Series[]): Sample[] {
  const out: Sample[] = [];
  for (const s of series) {
    const last = s.points[s.points.length - 1];
    if (last) out.push({ labels: s.labels, value: last.v });
  }
  return out;
}
