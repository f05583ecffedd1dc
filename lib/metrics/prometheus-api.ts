// Shapes of the Prometheus HTTP API answers (reference/contracts.md 1.2–1.6) and their parsing.
// No I/O here: prometheus.ts does the requests.
import { z } from "zod";
import type { Labels, Series } from "./source";

const samplePair = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());

export const queryData = z.discriminatedUnion("resultType", [
  z.object({ resultType: z.literal("vector"), result: z.array(z.object({ metric: labels, value: samplePair })) }),
  z.object({ resultType: z.literal("matrix"), result: z.array(z.object({ metric: labels, values: z.array(samplePair) })) }),
  z.object({ resultType: z.literal("scalar"), result: samplePair }),
  z.object({ resultType: z.literal("string"), result: samplePair }),
]);
export type QueryData = z.infer<typeof queryData>;

export const successBody = z.object({
  status: z.literal("success"),
  data: z.unknown(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

export const errorBody = z.object({
  status: z.literal("error"),
  errorType: z.string().default(""),
  error: z.string().default(""),
});

const alertSchema = z.object({
  labels,
  annotations: labels.default({}),
  state: z.string(),
  activeAt: z.string().optional(),
  value: z.string().optional(),
});

const ruleSchema = z.object({
  type: z.string(),
  name: z.string(),
  query: z.string(),
  state: z.string().optional(),
  duration: z.number().optional(),
  labels: labels.optional(),
  alerts: z.array(alertSchema).optional(),
  health: z.string(),
  lastError: z.string().optional(),
  lastEvaluation: z.string().optional(),
});

export const rulesData = z.object({
  groups: z.array(z.object({ name: z.string(), file: z.string(), interval: z.number().optional(), rules: z.array(ruleSchema) })),
});

export interface PromAlert {
  labels: Labels;
  state: "pending" | "firing";
  activeAt: number | null;
  value: number;
}

export interface PromAlertingRule {
  group: string;
  name: string;
  query: string;
  state: "inactive" | "pending" | "firing";
  /** `for:` in ms */
  forMs: number;
  labels: Labels;
  alerts: PromAlert[];
  health: string;
  lastError: string | null;
  lastEvaluation: number | null;
}

/** A sample value string: "1.5", "NaN", "+Inf", "-Inf", "2e-01". */
export function parseSampleValue(raw: string): number {
  switch (raw) {
    case "NaN":
      return NaN;
    case "+Inf":
    case "Inf":
      return Infinity;
    case "-Inf":
      return -Infinity;
  }
  const v = raw.trim() === "" ? NaN : Number(raw);
  if (Number.isNaN(v)) throw new Error(`not a sample value: ${JSON.stringify(raw)}`);
  return v;
}

/** Prometheus timestamps are float seconds; ours are integer ms. */
export function promTimeToMs(t: number): number {
  return Math.round(t * 1000);
}

/** The result of /query or /query_range as series. A string result is not a metric. */
export function toSeries(data: QueryData): Series[] {
  switch (data.resultType) {
    case "vector":
      return data.result.map((r) => ({
        labels: r.metric,
        points: [{ t: promTimeToMs(r.value[0]), v: parseSampleValue(r.value[1]) }],
      }));
    case "matrix":
      return data.result.map((r) => ({
        labels: r.metric,
        points: r.values.map(([t, v]) => ({ t: promTimeToMs(t), v: parseSampleValue(v) })),
      }));
    case "scalar":
      return [{ labels: {}, points: [{ t: promTimeToMs(data.result[0]), v: parseSampleValue(data.result[1]) }] }];
    case "string":
      throw new Error("the query returned a string, not a number");
  }
}

function isoToMs(iso: string | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) || t <= 0 ? null : t;
}

function safeValue(raw: string | undefined): number {
  if (raw === undefined) return NaN;
  try {
    return parseSampleValue(raw);
  } catch {
    return NaN;
  }
}

export function toAlertingRules(data: z.infer<typeof rulesData>): PromAlertingRule[] {
  const out: PromAlertingRule[] = [];
  for (const g of data.groups) {
    for (const r of g.rules) {
      if (r.type !== "alerting") continue;
      const state = r.state === "pending" || r.state === "firing" ? r.state : "inactive";
      out.push({
        group: g.name,
        name: r.name,
        query: r.query,
        state,
        forMs: Math.round((r.duration ?? 0) * 1000),
        labels: r.labels ?? {},
        alerts: (r.alerts ?? []).map((a) => ({
          labels: a.labels,
          state: a.state === "firing" ? "firing" : "pending",
          activeAt: isoToMs(a.activeAt),
          value: safeValue(a.value),
        })),
        health: r.health,
        lastError: r.lastError ?? null,
        lastEvaluation: isoToMs(r.lastEvaluation),
      });
    }
  }
  return out;
}

/** "data.result.0.value: expected array" — the first problems of a zod error, for messages. */
export function describeIssues(error: z.ZodError, max = 3): string {
  return error.issues
    .slice(0, max)
    .map((i) => `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`)
    .join("; ");
}
