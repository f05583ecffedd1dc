// PromQL for each signal, shared by the Prometheus source and the rules export (no I/O here).
// Defaults follow Micrometer (http_server_requests_seconds histogram) and node_exporter names
// (reference/contracts.md 1.8); every query is configurable.
import type { SignalId } from "@/lib/domain/alert-rules";

export interface PromQLConfig {
  /** replace any signal's query entirely */
  queries?: Partial<Record<SignalId, string>>;
  /** gauge with the payment failure ratio (0..1); default payment_failure_rate */
  paymentFailureMetric?: string;
  /** gauge with the coupon issue lag in seconds; default coupon_issue_lag_seconds */
  couponLagMetric?: string;
  /** filesystem mount point for disk free; default "/" */
  mountpoint?: string;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function metricName(value: string | undefined, fallback: string, what: string): string {
  const name = value ?? fallback;
  if (!METRIC_NAME.test(name)) throw new Error(`${what} "${name}" is not a valid Prometheus metric name`);
  return name;
}

export function defaultSignalQueries(config: Omit<PromQLConfig, "queries"> = {}): Record<SignalId, string> {
  const payment = metricName(config.paymentFailureMetric, "payment_failure_rate", "paymentFailureMetric");
  const coupon = metricName(config.couponLagMetric, "coupon_issue_lag_seconds", "couponLagMetric");
  const mp = JSON.stringify(config.mountpoint ?? "/");
  return {
    p95_latency: "histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket[1m])))",
    error_ratio: 'sum(rate(http_server_requests_seconds_count{status=~"5.."}[1m])) / sum(rate(http_server_requests_seconds_count[1m]))',
    throughput: "sum(rate(http_server_requests_seconds_count[1m]))",
    cpu: '100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle"}[2m])))',
    memory: "100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)",
    disk_free: `100 * node_filesystem_avail_bytes{mountpoint=${mp}} / node_filesystem_size_bytes{mountpoint=${mp}}`,
    payment_failure_rate: `max(${payment})`,
    coupon_lag: `max(${coupon})`,
  };
}

/** The query for every signal: defaults with the configured overrides. */
export function signalQueries(config: PromQLConfig = {}): Record<SignalId, string> {
  const base = defaultSignalQueries(config);
  for (const [signal, query] of Object.entries(config.queries ?? {}) as [SignalId, string | undefined][]) {
    if (query !== undefined && query.trim() !== "") base[signal] = query.trim();
  }
  return base;
}
