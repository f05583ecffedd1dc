import "server-only";
// Metric source over the Prometheus HTTP API (reference/contracts.md 1.2–1.6, 1.10):
// POST form-encoded /api/v1/query and /api/v1/query_range, values parsed from strings ("NaN", "+Inf"),
// the step clamped to ≤ 11,000 points, errors turned into sentences a responder can act on.
import type { SignalId } from "@/lib/domain/alert-rules";
import { clampStepMs, toMs, type MetricSource, type Series, type TimeInput } from "./source";
import { signalQueries, type PromQLConfig } from "./promql";
import {
  describeIssues,
  errorBody,
  queryData,
  rulesData,
  successBody,
  toAlertingRules,
  toSeries,
  type PromAlertingRule,
} from "./prometheus-api";

export { defaultSignalQueries, signalQueries, type PromQLConfig } from "./promql";
export { parseSampleValue, type PromAlert, type PromAlertingRule } from "./prometheus-api";

export interface PrometheusConfig extends PromQLConfig {
  /** e.g. http://127.0.0.1:9090 (a path prefix such as /prometheus is kept) */
  baseUrl: string;
  /** per request; also sent as Prometheus' own `timeout` parameter. Default 5000 ms. */
  timeoutMs?: number;
  /** extra headers, e.g. Authorization for a proxy in front of Prometheus */
  headers?: Record<string, string>;
  /** injectable for tests; default global fetch */
  fetch?: typeof fetch;
}

export type PrometheusErrorKind =
  "unreachable" | "timeout" | "aborted" | "bad_query" | "execution" | "query_timeout" | "http" | "invalid_response";

export class PrometheusError extends Error {
  constructor(
    message: string,
    readonly kind: PrometheusErrorKind,
    readonly status?: number,
    readonly errorType?: string,
  ) {
    super(message);
    this.name = "PrometheusError";
  }
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface QueryResult {
  series: Series[];
  warnings: string[];
}

interface ApiAnswer {
  data: unknown;
  warnings: string[];
}

export interface PrometheusSource extends MetricSource {
  readonly kind: "prometheus";
  /** base URL without credentials, for messages and UI */
  readonly displayUrl: string;
  readonly queries: Readonly<Record<SignalId, string>>;
  query(promql: string, at?: TimeInput, options?: CallOptions): Promise<QueryResult>;
  queryRange(promql: string, start: TimeInput, end: TimeInput, stepMs: number, options?: CallOptions): Promise<QueryResult>;
  /** Alerting rules with their state and alerts (GET /api/v1/rules?type=alert). */
  alertingRules(options?: CallOptions): Promise<PromAlertingRule[]>;
}

/** The base URL without user:password, for error messages. */
export function redactUrl(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    u.username = "";
    u.password = "";
    return u.toString().replace(/\/$/, "");
  } catch {
    return baseUrl;
  }
}

function secondsParam(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function causeOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause: unknown = err.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    if (cause.message) return cause.message;
    if (typeof code === "string") return `connect ${code}`;
    if (cause instanceof AggregateError && cause.errors[0] instanceof Error) return cause.errors[0].message;
  }
  return err.message;
}

function describeApiError(at: string, status: number, errorType: string, error: string): PrometheusError {
  const detail = `(HTTP ${status}${errorType ? `, ${errorType}` : ""}): ${error || "no error text"}`;
  if (errorType === "bad_data")
    return new PrometheusError(`Prometheus at ${at} rejected the query ${detail}`, "bad_query", status, errorType);
  if (errorType === "execution")
    return new PrometheusError(`Prometheus at ${at} could not execute the query ${detail}`, "execution", status, errorType);
  if (errorType === "timeout")
    return new PrometheusError(`Prometheus at ${at} timed out running the query ${detail}`, "query_timeout", status, errorType);
  return new PrometheusError(`Prometheus at ${at} answered with an error ${detail}`, "http", status, errorType);
}

export function createPrometheusSource(config: PrometheusConfig): PrometheusSource {
  const displayUrl = redactUrl(config.baseUrl);
  const base = config.baseUrl.endsWith("/") ? config.baseUrl : `${config.baseUrl}/`;
  const timeoutMs = config.timeoutMs ?? 5000;
  const doFetch = config.fetch ?? fetch;
  const queries = signalQueries(config);

  async function call(path: string, form: URLSearchParams | null, options: CallOptions = {}): Promise<ApiAnswer> {
    let url: URL;
    try {
      url = new URL(path, base);
    } catch {
      throw new PrometheusError(`Prometheus URL ${JSON.stringify(displayUrl)} is not a valid URL`, "unreachable");
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const onAbort = () => controller.abort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, {
        method: form ? "POST" : "GET",
        headers: {
          Accept: "application/json",
          ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
          ...config.headers,
        },
        body: form ? form.toString() : undefined,
        signal: controller.signal,
      });
      text = await res.text();
    } catch (err) {
      if (options.signal?.aborted) throw new PrometheusError(`query to Prometheus at ${displayUrl} was cancelled`, "aborted");
      if (controller.signal.aborted)
        throw new PrometheusError(`Prometheus at ${displayUrl} did not answer within ${timeoutMs} ms`, "timeout");
      throw new PrometheusError(`Prometheus at ${displayUrl} unreachable: ${causeOf(err)}`, "unreachable");
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const snippet = text.trim().slice(0, 200) || "(empty body)";
      throw new PrometheusError(
        `Prometheus at ${displayUrl} answered HTTP ${res.status} with a non-JSON body: ${snippet}`,
        res.ok ? "invalid_response" : "http",
        res.status,
      );
    }
    const failed = errorBody.safeParse(json);
    if (failed.success) throw describeApiError(displayUrl, res.status, failed.data.errorType, failed.data.error);
    const ok = successBody.safeParse(json);
    if (!ok.success || !res.ok) {
      throw new PrometheusError(
        `Prometheus at ${displayUrl} sent an unexpected answer (HTTP ${res.status}): ${ok.success ? "status success with an error code" : describeIssues(ok.error)}`,
        "invalid_response",
        res.status,
      );
    }
    return { data: ok.data.data, warnings: ok.data.warnings ?? [] };
  }

  async function callQuery(path: string, form: URLSearchParams, options?: CallOptions): Promise<QueryResult> {
    const answer = await call(path, form, options);
    const parsed = queryData.safeParse(answer.data);
    if (!parsed.success)
      throw new PrometheusError(
        `Prometheus at ${displayUrl} sent an unexpected result: ${describeIssues(parsed.error)}`,
        "invalid_response",
      );
    try {
      return { series: toSeries(parsed.data), warnings: answer.warnings };
    } catch (err) {
      throw new PrometheusError(`Prometheus at ${displayUrl}: ${err instanceof Error ? err.message : String(err)}`, "invalid_response");
    }
  }

  const timeoutParam = secondsParam(timeoutMs);

  const source: PrometheusSource = {
    kind: "prometheus",
    displayUrl,
    queries,
    query(promql, at, options) {
      const form = new URLSearchParams({ query: promql, timeout: timeoutParam });
      if (at !== undefined) form.set("time", secondsParam(toMs(at)));
      return callQuery("api/v1/query", form, options);
    },
    queryRange(promql, start, end, stepMs, options) {
      const s = toMs(start);
      const e = toMs(end);
      const step = clampStepMs(s, e, stepMs);
      const form = new URLSearchParams({
        query: promql,
        start: secondsParam(s),
        end: secondsParam(e),
        step: secondsParam(step),
        timeout: timeoutParam,
      });
      return callQuery("api/v1/query_range", form, options);
    },
    async alertingRules(options) {
      const answer = await call("api/v1/rules?type=alert", null, options);
      const parsed = rulesData.safeParse(answer.data);
      if (!parsed.success)
        throw new PrometheusError(`Prometheus at ${displayUrl} sent unexpected rules: ${describeIssues(parsed.error)}`, "invalid_response");
      return toAlertingRules(parsed.data);
    },
    async instant(signal, at) {
      return (await source.query(queries[signal], at)).series;
    },
    async range(signal, start, end, stepMs) {
      return (await source.queryRange(queries[signal], start, end, stepMs)).series;
    },
  };
  return source;
}
