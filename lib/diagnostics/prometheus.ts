import "server-only";
// Instant PromQL query (POST /api/v1/query, form-encoded) judged against warning/critical thresholds.
import { describeHttpBody, httpRequest } from "./http";
import { targetLabel } from "./labels";
import { parsePromAnswer, promVerdict } from "./prometheus-analysis";
import { defineProbe, errorOutcome, probeFamily } from "./runner";
import type { Comparator } from "./types";

export interface PrometheusQueryParams {
  query?: string;
  comparator?: Comparator;
  warning?: number;
  critical?: number;
}

const prometheusProbe = probeFamily("prometheus", 5_000);

export const prometheusQuery = defineProbe({
  ...prometheusProbe("prometheus.query", { ko: "Prometheus 쿼리", en: "Prometheus query" }),
  async check(target, params: PrometheusQueryParams | undefined, ctx) {
    const query = params?.query ?? target.query;
    const thresholds = {
      comparator: params?.comparator ?? target.comparator,
      warning: params?.query ? params.warning : (params?.warning ?? target.warning),
      critical: params?.query ? params.critical : (params?.critical ?? target.critical),
    };
    // Let Prometheus stop the query a little before our own timeout ("timeout" is float seconds).
    const serverTimeout = Math.max(0.1, (ctx.timeoutMs - 250) / 1000).toFixed(2);
    const answer = await httpRequest(`${target.url}/api/v1/query`, {
      signal: ctx.signal,
      method: "POST",
      form: { query, timeout: serverTimeout },
    });
    const parsed = parsePromAnswer(answer.status, answer.json, answer.text);
    if (!parsed.ok) {
      const detail = answer.json === undefined ? describeHttpBody(answer) : `${parsed.errorType}: ${parsed.message}`;
      return errorOutcome(`${targetLabel(target)} rejected the query (${detail})`, { message: parsed.message, code: parsed.errorType });
    }
    const verdict = promVerdict(parsed.samples, thresholds);
    return {
      ...verdict,
      data: {
        query,
        ...thresholds,
        resultType: parsed.resultType,
        warnings: parsed.warnings,
        samples: parsed.samples.map((s) => ({ metric: s.metric, value: s.raw, timestamp: s.timestamp })),
      },
    };
  },
});
