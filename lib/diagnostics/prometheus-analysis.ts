// Pure reading of Prometheus instant-query answers and threshold checks.
import type { Comparator, ProbeOutcome, Verdict } from "./types";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface PromSample {
  metric: Record<string, string>;
  /** Number() of the string value: "NaN" → NaN, "+Inf" → Infinity */
  value: number;
  raw: string;
  timestamp: number;
}

export type PromParse =
  { ok: true; resultType: string; samples: PromSample[]; warnings: string[] } | { ok: false; errorType: string; message: string };

/** Prometheus writes +Inf / -Inf / NaN as strings; Number() reads "+Inf" as NaN, so map them first. */
export function parsePromValue(raw: string): number {
  if (raw === "+Inf" || raw === "Inf") return Number.POSITIVE_INFINITY;
  if (raw === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(raw);
}

function sample(metric: unknown, pair: unknown): PromSample | null {
  if (!Array.isArray(pair) || pair.length < 2 || typeof pair[1] !== "string") return null;
  const labels: Record<string, string> = {};
  if (isRecord(metric)) for (const [k, v] of Object.entries(metric)) if (typeof v === "string") labels[k] = v;
  return { metric: labels, value: parsePromValue(pair[1]), raw: pair[1], timestamp: Number(pair[0]) };
}

/** `body` is the parsed JSON or undefined when the answer was not JSON (e.g. the plain-text 405). */
export function parsePromAnswer(httpStatus: number, body: unknown, text: string): PromParse {
  if (!isRecord(body)) {
    return {
      ok: false,
      errorType: `http_${httpStatus}`,
      message: `HTTP ${httpStatus}, not JSON: ${text.replace(/\s+/g, " ").trim().slice(0, 120)}`,
    };
  }
  if (body.status !== "success") {
    const errorType = typeof body.errorType === "string" ? body.errorType : `http_${httpStatus}`;
    const message = typeof body.error === "string" ? body.error : `HTTP ${httpStatus}`;
    return { ok: false, errorType, message };
  }
  const data = isRecord(body.data) ? body.data : {};
  const resultType = typeof data.resultType === "string" ? data.resultType : "unknown";
  const result = data.result;
  const samples: PromSample[] = [];
  if (resultType === "vector" && Array.isArray(result)) {
    for (const r of result)
      if (isRecord(r)) {
        const s = sample(r.metric, r.value);
        if (s) samples.push(s);
      }
  } else if (resultType === "matrix" && Array.isArray(result)) {
    // A range selector in an instant query: judge the latest point of each series.
    for (const r of result) {
      if (isRecord(r) && Array.isArray(r.values) && r.values.length > 0) {
        const s = sample(r.metric, r.values[r.values.length - 1]);
        if (s) samples.push(s);
      }
    }
  } else if (resultType === "scalar" && Array.isArray(result)) {
    const s = sample({}, result);
    if (s) samples.push(s);
  }
  const warnings = Array.isArray(body.warnings) ? body.warnings.filter((w): w is string => typeof w === "string") : [];
  return { ok: true, resultType, samples, warnings };
}

/** NaN never matches (as in PromQL comparisons). */
export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  if (Number.isNaN(value)) return false;
  switch (comparator) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case "==":
      return value === threshold;
    case "!=":
      return value !== threshold;
  }
}

export interface PromThresholds {
  comparator: Comparator;
  warning?: number;
  critical?: number;
}

function labelText(metric: Record<string, string>): string {
  const entries = Object.entries(metric).filter(([k]) => k !== "__name__");
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${v}"`).join(",")}}` : "";
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
  return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, "");
}

export function promVerdict(samples: PromSample[], t: PromThresholds): Omit<ProbeOutcome, "data"> {
  if (samples.length === 0) return { verdict: "ok", summary: "the query returned no series" };
  const hits = (threshold: number | undefined) =>
    threshold === undefined ? [] : samples.filter((s) => compare(s.value, t.comparator, threshold));
  const critical = hits(t.critical);
  const warning = hits(t.warning);
  const verdict: Verdict = critical.length > 0 ? "critical" : warning.length > 0 ? "warning" : "ok";
  const firing = critical.length > 0 ? critical : warning;
  const threshold = critical.length > 0 ? t.critical : t.warning;
  const shown = firing.length > 0 ? firing[0] : samples[0];
  const head = `${samples.length} series`;
  if (firing.length > 0) {
    return {
      verdict,
      summary: `${head}; ${firing.length} ${t.comparator} ${threshold}: ${formatValue(shown.value)}${labelText(shown.metric)}`,
    };
  }
  const values = samples.map((s) => formatValue(s.value));
  const limits = [
    t.warning !== undefined ? `warning ${t.comparator} ${t.warning}` : "",
    t.critical !== undefined ? `critical ${t.comparator} ${t.critical}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return {
    verdict,
    summary: `${head}: ${values.slice(0, 3).join(", ")}${values.length > 3 ? ", …" : ""}${limits ? ` (${limits})` : " (no threshold set)"}`,
  };
}
