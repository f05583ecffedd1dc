import { describe, expect, it } from "vitest";
import { AlertsConfigError, parseAlertsConfig } from "@/lib/server/alerts/config";

describe("metrics configuration (environment)", () => {
  it("defaults to the simulator, 5 s evaluation, one-click incidents and a closed webhook", () => {
    expect(parseAlertsConfig({})).toEqual({
      source: "simulator",
      prometheus: null,
      simulatorSeed: "incident-command",
      alertmanagerToken: null,
      autoOpenDefault: false,
      intervalMs: 5_000,
      engineDisabled: false,
    });
  });

  it("reads Prometheus with per-signal PromQL overrides", () => {
    const c = parseAlertsConfig({
      METRICS_SOURCE: "prometheus",
      PROMETHEUS_URL: "http://prom.internal:9090/prometheus",
      PROMETHEUS_QUERY_ERROR_RATIO:
        ' sum(rate(http_server_requests_seconds_count{status=~"5.."}[2m])) / sum(rate(http_server_requests_seconds_count[2m])) ',
      PROMETHEUS_COUPON_LAG_METRIC: "kafka_consumergroup_lag_seconds",
      ALERTMANAGER_TOKEN: "a-long-enough-secret-token",
      ALERTS_AUTO_OPEN: "1",
      ALERT_EVAL_INTERVAL_MS: "15000",
    });
    expect(c.source).toBe("prometheus");
    expect(c.prometheus).toMatchObject({
      baseUrl: "http://prom.internal:9090/prometheus",
      timeoutMs: 5_000,
      couponLagMetric: "kafka_consumergroup_lag_seconds",
    });
    expect(c.prometheus?.queries?.error_ratio).toMatch(/^sum\(rate/);
    expect(c).toMatchObject({ alertmanagerToken: "a-long-enough-secret-token", autoOpenDefault: true, intervalMs: 15_000 });
  });

  it("names every mistake", () => {
    const error = (() => {
      try {
        parseAlertsConfig({ ALERTMANAGER_TOKEN: "short", ALERT_EVAL_INTERVAL_MS: "10", ALERTS_AUTO_OPEN: "yes" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AlertsConfigError);
    const message = (error as Error).message;
    expect(message).toContain("ALERTMANAGER_TOKEN must be at least 16 characters");
    expect(message).toContain("ALERT_EVAL_INTERVAL_MS must be between 1000 and 60000 ms");
    expect(message).toContain("ALERTS_AUTO_OPEN must be 1/0 or true/false");
    expect(() => parseAlertsConfig({ METRICS_SOURCE: "graphite" })).toThrow(/METRICS_SOURCE must be simulator or prometheus/);
    expect(() => parseAlertsConfig({ METRICS_SOURCE: "prometheus" })).toThrow(/PROMETHEUS_URL is required when METRICS_SOURCE=prometheus/);
    expect(() => parseAlertsConfig({ METRICS_SOURCE: "prometheus", PROMETHEUS_URL: "prometheus:9090" })).toThrow(
      /PROMETHEUS_URL must be an http\(s\) URL/,
    );
  });
});
