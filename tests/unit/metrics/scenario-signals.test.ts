import { describe, expect, it } from "vitest";
import { rulesFromTimeline, SCENARIO_RULES, signalsForIncident } from "@/lib/domain/scenario-signals";
import { SCENARIOS } from "@/lib/domain/scenarios";
import { ALERT_RULES } from "@/lib/domain/alert-rules";

describe("the signals that matter for an incident (the room's metrics strip)", () => {
  it("puts the rules that opened the incident first, then its scenario's, then what fires now, each signal once", () => {
    const signals = signalsForIncident({
      alertRules: ["CouponIssueDelay"],
      scenario: "connection-pool-exhaustion",
      firing: ["HighErrorRate", "DiskSpaceLow"],
    });
    expect(signals).toEqual(["coupon_lag", "error_ratio", "p95_latency", "disk_free"]);
  });

  it("shows at most `limit` signals", () => {
    const signals = signalsForIncident(
      { alertRules: [], scenario: "redis-lock-timeout", firing: ["HighCPUUsage", "HighMemoryUsage", "DiskSpaceLow"] },
      3,
    );
    expect(signals).toEqual(["p95_latency", "payment_failure_rate", "cpu"]);
  });

  it("ignores unknown scenarios and rule names, and is empty for a quiet incident without a scenario", () => {
    expect(signalsForIncident({ alertRules: ["NoSuchRule"], scenario: "not-a-scenario", firing: [] })).toEqual([]);
    expect(signalsForIncident({ alertRules: [], scenario: null, firing: [] })).toEqual([]);
  });

  it("reads the rule names from the timeline's alert entries only", () => {
    const events = [
      { kind: "note", data: { rule: "HighCPUUsage" } },
      { kind: "alert", data: { rule: "HighErrorRate" } },
      { kind: "alert-resolved", data: { rule: "HighErrorRate" } },
      { kind: "alert", data: null },
      { kind: "alert", data: { rule: 42 } },
    ];
    expect(rulesFromTimeline(events)).toEqual(["HighErrorRate", "HighErrorRate"]);
    expect(rulesFromTimeline(undefined)).toEqual([]);
  });

  it("names a rule of the manual for every scenario", () => {
    const names = ALERT_RULES.map((r) => r.name as string);
    for (const s of SCENARIOS) {
      expect(SCENARIO_RULES[s.slug].length).toBeGreaterThan(0);
      for (const rule of SCENARIO_RULES[s.slug]) expect(names).toContain(rule);
    }
  });
});
