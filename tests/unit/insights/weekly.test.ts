import { describe, expect, it } from "vitest";
import { isStale, latestWeeklySlot, weeklyReportText } from "@/lib/domain/insights/weekly";
import { computeInsights } from "@/lib/domain/insights/compute";

describe("weekly report schedule", () => {
  it("is due Monday 09:00 in the time zone and covers the week before", () => {
    // Monday 2031-03-10 09:00 in Seoul is 00:00 UTC.
    const slot = latestWeeklySlot(new Date("2031-03-10T00:00:00Z"), "Asia/Seoul");
    expect(slot).toEqual({
      week: "2031-03-03",
      dueAt: new Date("2031-03-10T00:00:00Z"),
      from: new Date("2031-03-02T15:00:00Z"),
      to: new Date("2031-03-09T15:00:00Z"),
    });
    // A minute earlier, the latest slot is the week before's, a week old by now: stale, not sent.
    const before = latestWeeklySlot(new Date("2031-03-09T23:59:00Z"), "Asia/Seoul");
    expect(before.week).toBe("2031-02-24");
    expect(isStale(before, new Date("2031-03-09T23:59:00Z"))).toBe(true);
    expect(isStale(slot, new Date("2031-03-10T20:00:00Z"))).toBe(false);
  });

  it("follows the configured zone", () => {
    expect(latestWeeklySlot(new Date("2031-03-10T09:00:00Z"), "UTC").dueAt).toEqual(new Date("2031-03-10T09:00:00Z"));
    expect(latestWeeklySlot(new Date("2031-03-10T08:59:00Z"), "UTC").week).toBe("2031-02-24");
  });

  it("says the headline figures with links, in Korean and English", () => {
    const slot = latestWeeklySlot(new Date("2031-03-10T00:00:00Z"), "Asia/Seoul");
    const at = (m: number) => new Date(slot.from.getTime() + 60 * 60_000 + m * 60_000);
    const incident = {
      id: 41,
      title: "x",
      severity: "P0" as const,
      scenario: null,
      source: "manual",
      isDrill: false,
      startedAt: at(0),
      declaredAt: at(0),
      resolvedAt: at(20),
      events: [],
      firstActionAt: at(2),
      escalations: [],
      alertRules: [],
    };
    const report = computeInsights(
      { incidents: [incident], postmortems: [], actionItems: [], drills: [] },
      { from: slot.from, to: slot.to, severities: [], scenario: null, includeDrills: false, postmortemDays: 5, timeZone: "Asia/Seoul" },
      new Date("2031-03-10T00:00:00Z"),
    );
    const text = weeklyReportText(report, { page: "https://ic/insights", incident: (id) => `https://ic/incidents/${id}` });
    expect(text.subject.ko).toBe("[주간 인사이트] 2031-03-03 ~ 2031-03-09 장애 1건, 목표 달성 0%");
    expect(text.body.en).toContain("1 incidents · met target 0% (1 missed) · MTTA median 2 min · MTTR median 20 min");
    expect(text.body.ko).toContain("#41 https://ic/incidents/41");
    expect(text.body.en).toContain("Details: https://ic/insights");
  });
});
