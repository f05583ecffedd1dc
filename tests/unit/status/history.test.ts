import { describe, expect, it } from "vitest";
import { historyBars, uptimePercent } from "@/lib/domain/status/history";

// 2026-11-29 21:00 KST
const now = new Date("2026-11-29T12:00:00Z");

describe("90-day history bars", () => {
  it("has 90 days ending today (Asia/Seoul), all operational without incidents", () => {
    const bars = historyBars(["pay"], [], now).get("pay")!;
    expect(bars).toHaveLength(90);
    expect(bars[89].date).toBe("2026-11-29");
    expect(bars[0].date).toBe("2026-09-01");
    expect(bars.every((b) => b.state === "operational")).toBe(true);
    expect(uptimePercent(bars)).toBe(100);
  });

  it("colours each day an incident overlapped by its worst impact, split at Seoul midnight", () => {
    const bars = historyBars(
      ["pay", "web"],
      [
        // 2026-11-27 23:30 → 11-28 00:30 KST
        {
          componentId: "pay",
          impact: "partial_outage",
          startedAt: new Date("2026-11-27T14:30:00Z"),
          resolvedAt: new Date("2026-11-27T15:30:00Z"),
        },
        {
          componentId: "pay",
          impact: "degraded_performance",
          startedAt: new Date("2026-11-28T01:00:00Z"),
          resolvedAt: new Date("2026-11-28T02:00:00Z"),
        },
      ],
      now,
    );
    const pay = bars.get("pay")!;
    expect(pay.find((b) => b.date === "2026-11-27")).toEqual({ date: "2026-11-27", state: "partial_outage", impactMinutes: 30 });
    expect(pay.find((b) => b.date === "2026-11-28")).toEqual({ date: "2026-11-28", state: "partial_outage", impactMinutes: 90 });
    expect(bars.get("web")!.every((b) => b.state === "operational")).toBe(true);
    expect(uptimePercent(pay)).toBeLessThan(100);
  });

  it("an open incident lasts until now; one before the window is left out", () => {
    const pay = historyBars(
      ["pay"],
      [
        { componentId: "pay", impact: "major_outage", startedAt: new Date("2026-11-29T11:00:00Z"), resolvedAt: null },
        {
          componentId: "pay",
          impact: "major_outage",
          startedAt: new Date("2026-01-01T00:00:00Z"),
          resolvedAt: new Date("2026-01-02T00:00:00Z"),
        },
      ],
      now,
    ).get("pay")!;
    expect(pay[89]).toEqual({ date: "2026-11-29", state: "major_outage", impactMinutes: 60 });
    expect(pay.slice(0, 89).every((b) => b.state === "operational")).toBe(true);
  });
});
