import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ALERT_RULES } from "@/lib/domain/alert-rules";
import { exportPrometheusRules, formatPromDuration, type PromRuleFileDoc } from "@/lib/metrics/rules-export";
import { defaultSignalQueries } from "@/lib/metrics/promql";

describe("rules export", () => {
  it("writes durations the Prometheus way", () => {
    expect(formatPromDuration(5 * 60_000)).toBe("5m");
    expect(formatPromDuration(90_000)).toBe("1m30s");
    expect(formatPromDuration(0)).toBe("0s");
    expect(formatPromDuration(3_600_000 + 1500)).toBe("1h1s500ms");
    expect(() => formatPromDuration(-1)).toThrow(RangeError);
  });

  it("exports the eight rules as a mapping with groups:, with for, labels and annotations", () => {
    const doc = parse(exportPrometheusRules()) as PromRuleFileDoc;
    expect(Object.keys(doc)).toEqual(["groups"]);
    const rules = doc.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => [r.alert, r.for])).toEqual([
      ["HighResponseTime", "5m"],
      ["HighErrorRate", "2m"],
      ["LowThroughput", "10m"],
      ["HighCPUUsage", "5m"],
      ["HighMemoryUsage", "5m"],
      ["DiskSpaceLow", "1m"],
      ["PaymentFailureSpike", "2m"],
      ["CouponIssueDelay", "5m"],
    ]);
    const q = defaultSignalQueries();
    expect(rules[0].expr).toBe(`(${q.p95_latency}) > 1`);
    expect(rules[2].expr).toBe(`(${q.throughput}) < 50`);
    expect(rules[1].labels).toEqual({ severity: "P0" });
    expect(rules[6].labels).toEqual({ severity: "P1", team: "payments" });
    expect(rules[7].labels).toEqual({ severity: "P2", team: "marketing" });
    expect(rules[1].annotations.summary).toContain("humanizePercentage");
    expect(rules[1].annotations.description).toBe(ALERT_RULES[1].description.en);
  });

  it("refuses a metric name that is not one", () => {
    expect(() => exportPrometheusRules({ couponLagMetric: "coupon lag" })).toThrow(/not a valid Prometheus metric name/);
  });
});
