import { describe, expect, it } from "vitest";
import { parseInsightsQuery } from "@/lib/domain/insights/query";

const now = new Date("2026-11-29T12:00:00Z");

describe("insights query string", () => {
  it("defaults to the last 28 days, drills out, postmortems within 5 days", () => {
    expect(parseInsightsQuery({}, now, "Asia/Seoul")).toEqual({
      ok: true,
      from: new Date("2026-11-01T12:00:00Z"),
      to: now,
      severities: [],
      scenario: null,
      component: null,
      includeDrills: false,
      postmortemDays: 5,
    });
  });

  it("reads dates as whole days in the time zone, a severity list and drills", () => {
    const q = parseInsightsQuery({ from: "2026-11-02", to: "2026-11-08", severity: "p0,P1", drills: "include" }, now, "Asia/Seoul");
    expect(q).toMatchObject({
      ok: true,
      from: new Date("2026-11-01T15:00:00Z"),
      to: new Date("2026-11-08T15:00:00Z"),
      severities: ["P0", "P1"],
      includeDrills: true,
    });
  });

  it("refuses impossible dates, reversed or too long ranges and unknown severities", () => {
    expect(parseInsightsQuery({ from: "2026-02-30" }, now, "UTC")).toEqual({ ok: false, field: "from", problem: "date" });
    expect(parseInsightsQuery({ from: "2026-11-10", to: "2026-11-01" }, now, "UTC")).toMatchObject({ ok: false, problem: "order" });
    expect(parseInsightsQuery({ from: "2024-01-01" }, now, "UTC")).toMatchObject({ ok: false, problem: "range" });
    expect(parseInsightsQuery({ severity: "P5" }, now, "UTC")).toMatchObject({ ok: false, field: "severity" });
  });
});
