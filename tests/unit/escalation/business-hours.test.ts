import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS, isWithinBusinessHours, nextBusinessMoment, parseClock, zonedTimeToUtc } from "@/lib/domain/business-hours";

// Seoul is UTC+9 all year, so "2026-11-25T23:00:00+09:00" is 14:00Z.
const seoul = (local: string) => new Date(`${local}+09:00`);
const next = (local: string) => nextBusinessMoment(seoul(local), DEFAULT_BUSINESS_HOURS).toISOString();

describe("nextBusinessMoment (Asia/Seoul, Mon–Fri 09:00–18:00)", () => {
  it("returns the same instant inside business hours", () => {
    const at = seoul("2026-11-25T14:30:15.250"); // Wednesday
    expect(nextBusinessMoment(at)).toBe(at);
  });

  it("holds a P3 notification at 23:00 until 09:00 the next business day", () => {
    expect(next("2026-11-25T23:00:00")).toBe(seoul("2026-11-26T09:00:00").toISOString());
  });

  it("early morning waits for 09:00 the same day", () => {
    expect(next("2026-11-26T06:59:59")).toBe(seoul("2026-11-26T09:00:00").toISOString());
  });

  it("Friday 19:00 goes to Monday 09:00", () => {
    expect(next("2026-11-27T19:00:00")).toBe(seoul("2026-11-30T09:00:00").toISOString());
  });

  it("the weekend goes to Monday 09:00", () => {
    expect(next("2026-11-28T12:00:00")).toBe(seoul("2026-11-30T09:00:00").toISOString());
    expect(next("2026-11-29T08:00:00")).toBe(seoul("2026-11-30T09:00:00").toISOString());
  });

  it("09:00 exactly is inside; one millisecond earlier is not", () => {
    expect(isWithinBusinessHours(seoul("2026-11-25T09:00:00"))).toBe(true);
    expect(isWithinBusinessHours(seoul("2026-11-25T08:59:59.999"))).toBe(false);
    expect(next("2026-11-25T09:00:00")).toBe(seoul("2026-11-25T09:00:00").toISOString());
    expect(next("2026-11-25T08:59:59.999")).toBe(seoul("2026-11-25T09:00:00").toISOString());
  });

  it("18:00 exactly is outside (the end is exclusive); 17:59:59 is inside", () => {
    expect(isWithinBusinessHours(seoul("2026-11-25T17:59:59"))).toBe(true);
    expect(isWithinBusinessHours(seoul("2026-11-25T18:00:00"))).toBe(false);
    expect(next("2026-11-25T18:00:00")).toBe(seoul("2026-11-26T09:00:00").toISOString());
    expect(next("2026-11-27T18:00:00")).toBe(seoul("2026-11-30T09:00:00").toISOString());
  });

  it("uses the Seoul date, not the UTC date (UTC is still the previous day at 08:00 Seoul)", () => {
    // Monday 2026-11-30 07:00 Seoul = Sunday 22:00Z
    expect(next("2026-11-30T07:00:00")).toBe("2026-11-30T00:00:00.000Z");
  });

  it("skips configured holidays", () => {
    const hours = { ...DEFAULT_BUSINESS_HOURS, holidays: ["2026-11-30"] };
    expect(nextBusinessMoment(seoul("2026-11-27T19:00:00"), hours).toISOString()).toBe(seoul("2026-12-01T09:00:00").toISOString());
  });

  it("works in a zone with daylight saving time", () => {
    const ny = { timeZone: "America/New_York", start: "09:00", end: "17:00", days: [1, 2, 3, 4, 5] };
    // Sunday 2026-03-08 is the spring-forward day; Monday 09:00 EDT = 13:00Z
    expect(nextBusinessMoment(new Date("2026-03-08T12:00:00Z"), ny).toISOString()).toBe("2026-03-09T13:00:00.000Z");
    // Friday 2026-11-27 20:00 EST → Monday 09:00 EST = 14:00Z
    expect(nextBusinessMoment(new Date("2026-11-28T01:00:00Z"), ny).toISOString()).toBe("2026-11-30T14:00:00.000Z");
  });

  it("parses HH:MM and converts local wall time to UTC", () => {
    expect(parseClock("09:00")).toBe(540);
    expect(() => parseClock("25:00")).toThrow();
    expect(zonedTimeToUtc(2026, 11, 25, 540, "Asia/Seoul").toISOString()).toBe("2026-11-25T00:00:00.000Z");
  });
});
