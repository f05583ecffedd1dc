import { describe, expect, it } from "vitest";
import { rulesNamedIn, suggestRunbooks } from "@/lib/domain/scenario-suggestions";

const slugs = (incident: { title: string; description?: string }) => suggestRunbooks(incident).map((s) => s.slug);

describe("runbook suggestions for an incident without a scenario", () => {
  it("offers the scenarios that raise the alert an incident was opened from", () => {
    expect(slugs({ title: "HighErrorRate: 5xx 에러 비율 30.5 % (> 5 %)" })).toEqual(["connection-pool-exhaustion"]);
    expect(slugs({ title: "CouponIssueDelay: 쿠폰 발급 지연 420 s (> 300 s)" })[0]).toBe("kafka-consumer-lag");
    // Several scenarios raise HighResponseTime: the manual's order, at most three.
    expect(slugs({ title: "HighResponseTime: p95 응답 시간 2.1 s (> 1 s)" })).toEqual([
      "redis-lock-timeout",
      "connection-pool-exhaustion",
      "slow-query-surge",
    ]);
  });

  it("falls back to the symptoms written in the title and description", () => {
    expect(slugs({ title: "결제 API 멈춤", description: "로그에 Deadlock found when trying to get lock" })).toEqual([
      "db-deadlock",
      "redis-lock-timeout",
    ]);
    expect(slugs({ title: "배너 문구 오타" })).toEqual([]);
  });

  it("reads rule names as whole words only", () => {
    expect(rulesNamedIn("HighErrorRate and LowThroughput")).toEqual(["HighErrorRate", "LowThroughput"]);
    expect(rulesNamedIn("NotHighErrorRateAtAll")).toEqual([]);
  });
});
