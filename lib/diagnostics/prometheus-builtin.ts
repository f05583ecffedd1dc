// The prometheus.query probe when no Prometheus is configured: instead of failing against the unconfigured
// default address (127.0.0.1:9090), it answers from the app's own metrics source — the embedded simulator
// that also feeds the metrics panel and the rule engine — and says so. The default query is the manual's
// HighResponseTime rule (p95 of the request latency), so the built-in answer reads the p95 latency signal and
// judges it with the target's thresholds. A configured Prometheus is always queried for real (prometheus.ts).
import type { SignalId } from "@/lib/domain/alert-rules";
import { promVerdict } from "./prometheus-analysis";
import { defineProbe, probeFamily } from "./runner";
import type { Probe } from "./types";
import type { BuiltInPromData } from "./builtin-summary";

export type { BuiltInPromData };

/** The signal the default PromQL computes: histogram_quantile(0.95, … http_server_requests_seconds_bucket …). */
export const BUILT_IN_SIGNAL: SignalId = "p95_latency";

export interface AppMetricsReader {
  /** every signal of the app's metrics source at the app's current time */
  read(): Promise<{ at: number; values: Record<SignalId, number> }>;
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : v);

const prometheusProbe = probeFamily("prometheus", 5_000);

export function builtInPrometheusProbe(reader: AppMetricsReader): Probe<"prometheus"> {
  return defineProbe({
    ...prometheusProbe("prometheus.query", { ko: "Prometheus 쿼리", en: "Prometheus query" }),
    async check(target) {
      const { at, values } = await reader.read();
      const value = values[BUILT_IN_SIGNAL];
      const thresholds = { comparator: target.comparator, warning: target.warning, critical: target.critical };
      const { verdict } = promVerdict([{ metric: {}, value, raw: String(value), timestamp: at / 1000 }], thresholds);
      const limit = thresholds.critical ?? thresholds.warning;
      const data: BuiltInPromData = {
        source: "simulator",
        signal: BUILT_IN_SIGNAL,
        value: round(value),
        comparator: thresholds.comparator,
        ...(thresholds.warning !== undefined ? { warning: thresholds.warning } : {}),
        ...(thresholds.critical !== undefined ? { critical: thresholds.critical } : {}),
        query: target.query,
        signals: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, round(v)])),
        at,
      };
      // English for logs and API clients; pages show builtInSummary() in the reader's language.
      const summary = `built-in simulator (no Prometheus configured): p95 response time ${round(value)} s${
        limit !== undefined ? ` (${thresholds.critical !== undefined ? "critical" : "warning"} ${thresholds.comparator} ${limit} s)` : ""
      }`;
      return { verdict, summary, data };
    },
  });
}
