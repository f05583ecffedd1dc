import "server-only";
// GET /api/v1/metrics: each signal's series over the chosen window for the panel's charts, with the
// rule thresholds to draw and the value right now. Points sit on a grid aligned to the step (charts
// stay steady between refreshes) plus one point at "now" so the line reaches the present.
import { now as clockNow } from "../clock";
import { metricSource, readInstant, readRange, isReadError, describeSource, type ConfiguredSource } from "./source";
import { rulesForSignal, SIGNAL_IDS, SIGNALS, type SignalId } from "@/lib/domain/alert-rules";
import { evaluationSlot, type Labels } from "@/lib/domain/rule-engine";
import type { Severity } from "@/lib/domain/severity";

export const RANGES = {
  "15m": { ms: 15 * 60_000, stepMs: 5_000 },
  "1h": { ms: 60 * 60_000, stepMs: 20_000 },
  "6h": { ms: 6 * 60 * 60_000, stepMs: 120_000 },
  "24h": { ms: 24 * 60 * 60_000, stepMs: 480_000 },
} as const;
export type RangeKey = keyof typeof RANGES;
export const RANGE_KEYS = Object.keys(RANGES) as RangeKey[];

/** [epoch ms, value]; null where the value is NaN/±Inf (no data, 0/0) — the chart shows a gap. */
export type PointDto = [number, number | null];

export interface SignalSeriesDto {
  id: SignalId;
  unit: (typeof SIGNALS)[SignalId]["unit"];
  label: { ko: string; en: string };
  rules: { name: string; comparator: ">" | "<"; threshold: number; severity: Severity; forMs: number }[];
  series: { labels: Labels; points: PointDto[] }[];
  /** the latest value (first series); null when unknown */
  current: number | null;
  /** why this signal has no data (e.g. "Prometheus at … unreachable: …") */
  error: string | null;
}

export interface MetricsDto {
  now: string;
  range: RangeKey;
  stepMs: number;
  start: string;
  end: string;
  source: { kind: "simulator" | "prometheus"; url: string | null };
  signals: SignalSeriesDto[];
}

/** Every signal failed to load: the route answers 503 with this message. */
export class MetricsUnavailableError extends Error {}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export async function readPanelMetrics(
  range: RangeKey,
  signals: readonly SignalId[] = SIGNAL_IDS,
  source: ConfiguredSource = metricSource(),
): Promise<MetricsDto> {
  const { ms, stepMs } = RANGES[range];
  const now = clockNow().getTime();
  const end = evaluationSlot(now, stepMs);
  const start = end - ms;
  const at = evaluationSlot(now, 1000);
  const [reads, instant] = await Promise.all([readRange(source, start, end, stepMs, signals), readInstant(source, at, signals)]);

  const out: SignalSeriesDto[] = signals.map((id) => {
    const read = reads[id];
    const last = instant[id];
    const base = {
      id,
      unit: SIGNALS[id].unit,
      label: SIGNALS[id].label,
      rules: rulesForSignal(id).map((r) => ({
        name: r.name,
        comparator: r.comparator,
        threshold: r.threshold,
        severity: r.severity,
        forMs: r.forMs,
      })),
    };
    if (isReadError(read)) return { ...base, series: [], current: null, error: read.error };
    const series = read.map((s) => {
      const points: PointDto[] = s.points.map((p) => [p.t, finite(p.v)]);
      if (!isReadError(last)) {
        const match = last.find((l) => JSON.stringify(l.labels) === JSON.stringify(s.labels))?.points[0];
        if (match && (points.length === 0 || match.t > points[points.length - 1][0])) points.push([match.t, finite(match.v)]);
      }
      return { labels: s.labels, points };
    });
    const first = series[0]?.points;
    const current = first && first.length ? first[first.length - 1][1] : null;
    return { ...base, series, current, error: series.length === 0 ? "no data: the query returned no series" : null };
  });

  if (out.every((s) => s.error !== null && s.series.length === 0) && out.some((s) => !s.error?.startsWith("no data"))) {
    throw new MetricsUnavailableError(out.find((s) => s.error && !s.error.startsWith("no data"))?.error ?? "metrics unavailable");
  }
  return {
    now: new Date(now).toISOString(),
    range,
    stepMs,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    source: describeSource(source),
    signals: out,
  };
}
