import { describe, expect, it } from "vitest";
import { ALERT_RULES, SIGNALS, conditionHolds, describeCondition, findAlertRule, formatSignalValue } from "@/lib/domain/alert-rules";

describe("the manual's alert rules (3.1)", () => {
  it("has the eight rules with their thresholds and for: durations", () => {
    expect(ALERT_RULES.map((r) => [r.name, r.signal, r.comparator, r.threshold, r.forMs / 60_000])).toEqual([
      ["HighResponseTime", "p95_latency", ">", 1, 5],
      ["HighErrorRate", "error_ratio", ">", 0.05, 2],
      ["LowThroughput", "throughput", "<", 50, 10],
      ["HighCPUUsage", "cpu", ">", 80, 5],
      ["HighMemoryUsage", "memory", ">", 85, 5],
      ["DiskSpaceLow", "disk_free", "<", 20, 1],
      ["PaymentFailureSpike", "payment_failure_rate", ">", 0.1, 2],
      ["CouponIssueDelay", "coupon_lag", ">", 300, 5],
    ]);
  });

  it("keeps the manual's actions: P1, P0, P2 alerts; payments and marketing teams", () => {
    expect(ALERT_RULES.slice(0, 3).map((r) => r.action)).toEqual([
      { kind: "severity", severity: "P1" },
      { kind: "severity", severity: "P0" },
      { kind: "severity", severity: "P2" },
    ]);
    expect(findAlertRule("PaymentFailureSpike")?.action).toEqual({ kind: "notify", team: "payments", immediate: true });
    expect(findAlertRule("CouponIssueDelay")?.action).toEqual({ kind: "notify", team: "marketing", immediate: false });
    for (const r of ALERT_RULES) {
      if (r.action.kind === "severity") expect(r.severity).toBe(r.action.severity);
      expect(r.unit).toBe(SIGNALS[r.signal].unit);
    }
  });

  it("evaluates conditions strictly; NaN is never true", () => {
    const high = findAlertRule("HighErrorRate")!;
    const low = findAlertRule("LowThroughput")!;
    expect(conditionHolds(high, 0.05)).toBe(false);
    expect(conditionHolds(high, 0.0501)).toBe(true);
    expect(conditionHolds(high, Infinity)).toBe(true);
    expect(conditionHolds(high, NaN)).toBe(false);
    expect(conditionHolds(low, 49.9)).toBe(true);
    expect(conditionHolds(low, NaN)).toBe(false);
  });

  it("describes conditions and values in their units", () => {
    expect(describeCondition(findAlertRule("HighErrorRate")!)).toBe("5xx error ratio > 5 %");
    expect(describeCondition(findAlertRule("CouponIssueDelay")!, "ko")).toBe("쿠폰 발급 지연 > 300 s");
    expect(formatSignalValue(1.2345, "s")).toBe("1.23 s");
    expect(formatSignalValue(NaN, "ratio")).toBe("NaN");
  });
});
