import { describe, expect, it } from "vitest";
import { currentStates, overallState, proposedImpact, componentsInMaintenance, SEED_COMPONENTS } from "@/lib/domain/status/components";

const now = new Date("2026-11-29T12:00:00Z");
const hour = 3_600_000;

describe("component states", () => {
  it("seeds the shop's six components with Korean names", () => {
    expect(SEED_COMPONENTS.map((c) => c.nameKo)).toEqual(["웹사이트", "주문", "결제", "포인트", "쿠폰", "상품 조회"]);
  });

  it("a P0 proposes a major outage, a P1 a partial outage, P2 and P3 degraded performance", () => {
    expect(proposedImpact("P0")).toBe("major_outage");
    expect(proposedImpact("P1")).toBe("partial_outage");
    expect(proposedImpact("P2")).toBe("degraded_performance");
    expect(proposedImpact("P3")).toBe("degraded_performance");
  });

  it("takes the worst impact of the open incidents; components without one are operational", () => {
    const states = currentStates(
      ["pay", "order", "web"],
      [
        { componentId: "pay", impact: "degraded_performance" },
        { componentId: "pay", impact: "partial_outage" },
        { componentId: "order", impact: "degraded_performance" },
      ],
      [],
      now,
    );
    expect(Object.fromEntries(states)).toEqual({ pay: "partial_outage", order: "degraded_performance", web: "operational" });
    expect(overallState(states.values())).toBe("partial_outage");
  });

  it("shows maintenance only while the window runs, and a real outage during it wins", () => {
    const window = { components: ["pay", "web"], startsAt: new Date(now.getTime() - hour), endsAt: new Date(now.getTime() + hour) };
    const states = currentStates(["pay", "web", "order"], [{ componentId: "pay", impact: "major_outage" }], [window], now);
    expect(Object.fromEntries(states)).toEqual({ pay: "major_outage", web: "under_maintenance", order: "operational" });
    expect([...componentsInMaintenance([window], new Date(now.getTime() + hour))]).toEqual([]);
    expect([...componentsInMaintenance([{ ...window, cancelledAt: now }], now)]).toEqual([]);
  });
});
