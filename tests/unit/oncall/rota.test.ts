import { describe, expect, it } from "vitest";
import { coverageGaps, layerShiftsBetween, onCallAt, rotationSlot, shiftsBetween, type Layer, type Rota } from "@/lib/domain/oncall/rota";
import { instantOf, dayNumber, parseLocalDate, isValidTimeZone, parseClock } from "@/lib/domain/oncall/wall-clock";

const t = (iso: string) => Date.parse(iso);
const date = (text: string) => parseLocalDate(text)!;
const HOUR = 3_600_000;

function layer(partial: Partial<Layer> & Pick<Layer, "members">): Layer {
  return { id: "l1", rotation: { kind: "weekly" }, handoff: 9 * 60, startDate: date("2026-11-30"), restrictions: [], ...partial };
}

const seoulWeekly: Rota = { timeZone: "Asia/Seoul", layers: [layer({ members: ["kim", "park"] })], overrides: [] };

describe("weekly rotation in Asia/Seoul", () => {
  it("hands off on Monday at 09:00 local time, not a minute earlier", () => {
    expect(onCallAt(seoulWeekly, t("2026-12-07T08:59:00+09:00")).userId).toBe("kim");
    expect(onCallAt(seoulWeekly, t("2026-12-07T09:00:00+09:00")).userId).toBe("park");
    expect(onCallAt(seoulWeekly, t("2026-12-14T09:00:00+09:00")).userId).toBe("kim");
  });

  it("says until when: the next handoff", () => {
    const answer = onCallAt(seoulWeekly, t("2026-12-03T03:00:00+09:00"));
    expect(answer).toMatchObject({ userId: "kim", source: { kind: "layer", layerId: "l1" } });
    expect(new Date(answer.until).toISOString()).toBe("2026-12-07T00:00:00.000Z");
  });

  it("has nobody before the rotation starts", () => {
    const answer = onCallAt(seoulWeekly, t("2026-11-30T08:00:00+09:00"));
    expect(answer.userId).toBeNull();
    expect(answer.until).toBe(t("2026-11-30T09:00:00+09:00"));
  });
});

describe("daily and N-hour rotations", () => {
  it("daily: one member a day", () => {
    const rota: Rota = {
      timeZone: "Asia/Seoul",
      layers: [layer({ rotation: { kind: "daily" }, members: ["a", "b", "c"] })],
      overrides: [],
    };
    expect(
      ["2026-11-30T10:00:00+09:00", "2026-12-01T10:00:00+09:00", "2026-12-02T10:00:00+09:00", "2026-12-03T10:00:00+09:00"].map(
        (at) => onCallAt(rota, t(at)).userId,
      ),
    ).toEqual(["a", "b", "c", "a"]);
  });

  it("every 12 hours from the handoff", () => {
    const rota: Rota = {
      timeZone: "Asia/Seoul",
      layers: [layer({ rotation: { kind: "hours", hours: 12 }, members: ["day", "night"] })],
      overrides: [],
    };
    expect(onCallAt(rota, t("2026-11-30T20:59:00+09:00")).userId).toBe("day");
    expect(onCallAt(rota, t("2026-11-30T21:00:00+09:00")).userId).toBe("night");
    expect(onCallAt(rota, t("2026-12-01T09:00:00+09:00")).userId).toBe("day");
  });
});

describe("restrictions and layers", () => {
  const business = { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 18 * 60 };

  it("a layer restricted to weekdays 09:00–18:00 has nobody on Saturday or at night", () => {
    const rota: Rota = { timeZone: "Asia/Seoul", layers: [layer({ members: ["kim"], restrictions: [business] })], overrides: [] };
    expect(onCallAt(rota, t("2026-12-01T10:00:00+09:00"))).toMatchObject({ userId: "kim", until: t("2026-12-01T18:00:00+09:00") });
    const night = onCallAt(rota, t("2026-12-01T19:00:00+09:00"));
    expect(night.userId).toBeNull();
    expect(night.until).toBe(t("2026-12-02T09:00:00+09:00"));
    expect(onCallAt(rota, t("2026-12-05T12:00:00+09:00")).userId).toBeNull();
  });

  it("a window past midnight (18:00–09:00) belongs to the day it starts", () => {
    const nights = { days: [5], start: 18 * 60, end: 9 * 60 }; // Friday night only
    const rota: Rota = { timeZone: "Asia/Seoul", layers: [layer({ members: ["owl"], restrictions: [nights] })], overrides: [] };
    expect(onCallAt(rota, t("2026-12-05T03:00:00+09:00")).userId).toBe("owl"); // Saturday 03:00
    expect(onCallAt(rota, t("2026-12-05T10:00:00+09:00")).userId).toBeNull();
    expect(onCallAt(rota, t("2026-12-04T03:00:00+09:00")).userId).toBeNull(); // Friday 03:00: Thursday night
  });

  it("a higher layer wins where it has someone; the lower one fills the rest", () => {
    const rota: Rota = {
      timeZone: "Asia/Seoul",
      layers: [layer({ id: "base", members: ["kim", "park"] }), layer({ id: "office", members: ["choi"], restrictions: [business] })],
      overrides: [],
    };
    expect(onCallAt(rota, t("2026-12-01T10:00:00+09:00"))).toMatchObject({ userId: "choi", source: { kind: "layer", layerId: "office" } });
    expect(onCallAt(rota, t("2026-12-01T20:00:00+09:00"))).toMatchObject({ userId: "kim", source: { kind: "layer", layerId: "base" } });
    // The base layer's answer ends when the office layer opens the next morning.
    expect(onCallAt(rota, t("2026-12-01T20:00:00+09:00")).until).toBe(t("2026-12-02T09:00:00+09:00"));
  });
});

describe("overrides", () => {
  it("an override covers its span and the rotation resumes after it", () => {
    const rota: Rota = {
      ...seoulWeekly,
      overrides: [{ id: "o1", userId: "lee", start: t("2026-12-02T00:00:00+09:00"), end: t("2026-12-02T12:00:00+09:00") }],
    };
    expect(onCallAt(rota, t("2026-12-01T23:59:00+09:00"))).toMatchObject({ userId: "kim", until: t("2026-12-02T00:00:00+09:00") });
    expect(onCallAt(rota, t("2026-12-02T06:00:00+09:00"))).toMatchObject({
      userId: "lee",
      source: { kind: "override", overrideId: "o1" },
      until: t("2026-12-02T12:00:00+09:00"),
    });
    expect(onCallAt(rota, t("2026-12-02T12:00:00+09:00")).userId).toBe("kim");
  });

  it("the later override wins where two overlap", () => {
    const rota: Rota = {
      ...seoulWeekly,
      overrides: [
        { id: "first", userId: "lee", start: t("2026-12-02T00:00:00Z"), end: t("2026-12-02T12:00:00Z") },
        { id: "second", userId: "jung", start: t("2026-12-02T06:00:00Z"), end: t("2026-12-02T08:00:00Z") },
      ],
    };
    expect(onCallAt(rota, t("2026-12-02T05:00:00Z"))).toMatchObject({ userId: "lee", until: t("2026-12-02T06:00:00Z") });
    expect(onCallAt(rota, t("2026-12-02T07:00:00Z")).userId).toBe("jung");
    expect(onCallAt(rota, t("2026-12-02T09:00:00Z")).userId).toBe("lee");
  });
});

/** A two-member rotation handing off daily at 09:00 in `timeZone`, from `startDate`. */
const dailyRota = (timeZone: string, startDate: string): Rota => ({
  timeZone,
  layers: [layer({ rotation: { kind: "daily" }, members: ["a", "b"], startDate: date(startDate) })],
  overrides: [],
});

/** The rotation slot around `instant`: "<from> → <until>, <length> h" (bounds in ISO 8601 UTC). */
function daySlot(rota: Rota, instant: string): string {
  const slot = rotationSlot(rota.layers[0], rota.timeZone, t(instant))!;
  return `${new Date(slot.from).toISOString()} → ${new Date(slot.until).toISOString()}, ${(slot.until - slot.from) / HOUR} h`;
}

describe("daylight-saving changes", () => {
  it("America/New_York: a daily 09:00 handoff stays at 09:00 local; the spring-forward day is 23 hours", () => {
    const rota = dailyRota("America/New_York", "2026-03-01");
    // from 09:00 EST to 09:00 EDT
    expect(daySlot(rota, "2026-03-07T20:00:00Z")).toBe("2026-03-07T14:00:00.000Z → 2026-03-08T13:00:00.000Z, 23 h");
    expect(onCallAt(rota, t("2026-03-08T12:59:00Z")).userId).toBe(onCallAt(rota, t("2026-03-07T14:00:00Z")).userId);
    expect(onCallAt(rota, t("2026-03-08T13:00:00Z")).userId).not.toBe(onCallAt(rota, t("2026-03-08T12:59:00Z")).userId);
  });

  it("America/New_York: a handoff at 02:30, which does not exist on the spring-forward day, happens at 03:30", () => {
    expect(new Date(instantOf(dayNumber(date("2026-03-08")), parseClock("02:30")!, "America/New_York")).toISOString()).toBe(
      "2026-03-08T07:30:00.000Z",
    );
  });

  it("Europe/Berlin: the autumn day is 25 hours; a handoff at 02:30, which happens twice, is the first one", () => {
    const rota = dailyRota("Europe/Berlin", "2026-10-01");
    // from 09:00 CEST to 09:00 CET
    expect(daySlot(rota, "2026-10-25T05:00:00Z")).toBe("2026-10-24T07:00:00.000Z → 2026-10-25T08:00:00.000Z, 25 h");
    expect(new Date(instantOf(dayNumber(date("2026-10-25")), parseClock("02:30")!, "Europe/Berlin")).toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
  });

  it("Europe/Berlin: a weekly rotation keeps Monday 09:00 across the change", () => {
    const rota: Rota = {
      timeZone: "Europe/Berlin",
      layers: [layer({ members: ["a", "b"], startDate: date("2026-10-19") })],
      overrides: [],
    };
    expect(onCallAt(rota, t("2026-10-26T07:59:00Z")).userId).toBe("a"); // 08:59 CET
    expect(onCallAt(rota, t("2026-10-26T08:00:00Z")).userId).toBe("b"); // 09:00 CET
  });

  it("an N-hour rotation counts real hours across the change", () => {
    const rota: Rota = {
      timeZone: "America/New_York",
      layers: [layer({ rotation: { kind: "hours", hours: 12 }, members: ["a", "b"], startDate: date("2026-03-07"), handoff: 9 * 60 })],
      overrides: [],
    };
    const slot = rotationSlot(rota.layers[0], rota.timeZone, t("2026-03-08T10:00:00Z"))!;
    expect(slot.until - slot.from).toBe(12 * HOUR);
    expect(new Date(slot.from).toISOString()).toBe("2026-03-08T02:00:00.000Z");
  });
});

describe("availability: deactivated members are skipped", () => {
  const three: Rota = { timeZone: "Asia/Seoul", layers: [layer({ members: ["kim", "park", "lee"] })], overrides: [] };

  it("the next available member covers a deactivated member's week, and the answer says whom they cover", () => {
    const rota: Rota = { ...three, unavailable: new Set(["park"]) };
    // Week 2 is park's: lee (next in order) covers it, then lee's own week follows.
    const covered = onCallAt(rota, t("2026-12-08T03:00:00+09:00"));
    expect(covered).toMatchObject({ userId: "lee", source: { kind: "layer", layerId: "l1", covering: "park" } });
    // The answer changes at the handoff although the same person stays on: covering ends, their own week begins.
    expect(covered.until).toBe(t("2026-12-14T09:00:00+09:00"));
    expect(onCallAt(rota, t("2026-12-15T03:00:00+09:00"))).toMatchObject({ userId: "lee", source: { kind: "layer", layerId: "l1" } });
    expect(onCallAt(rota, t("2026-12-15T03:00:00+09:00")).source).not.toHaveProperty("covering");
    // Rotation order is unchanged for the others.
    expect(onCallAt(rota, t("2026-12-01T03:00:00+09:00")).userId).toBe("kim");
    expect(onCallAt(rota, t("2026-12-22T03:00:00+09:00")).userId).toBe("kim");
  });

  it("the last member's slot wraps to the first available member", () => {
    const rota: Rota = { ...three, unavailable: new Set(["lee"]) };
    expect(onCallAt(rota, t("2026-12-15T03:00:00+09:00"))).toMatchObject({ userId: "kim", source: { covering: "lee" } });
  });

  it("a layer of only deactivated members has nobody: a lower layer answers, else it is a gap", () => {
    const backup = layer({ id: "backup", members: ["jung"] });
    const top = layer({ id: "top", members: ["kim", "park"] });
    const rota: Rota = { timeZone: "Asia/Seoul", layers: [backup, top], overrides: [], unavailable: new Set(["kim", "park"]) };
    expect(onCallAt(rota, t("2026-12-01T03:00:00+09:00"))).toMatchObject({ userId: "jung", source: { layerId: "backup" } });
    const alone: Rota = { ...rota, layers: [top] };
    const from = t("2026-12-01T00:00:00+09:00");
    expect(coverageGaps(alone, from, from + 7 * 24 * HOUR)).toEqual([{ start: from, end: from + 7 * 24 * HOUR }]);
  });

  it("an override given to a deactivated person is ignored: the rotation answers", () => {
    const rota: Rota = {
      ...seoulWeekly,
      overrides: [{ id: "o1", userId: "lee", start: t("2026-12-02T00:00:00+09:00"), end: t("2026-12-02T12:00:00+09:00") }],
      unavailable: new Set(["lee"]),
    };
    expect(onCallAt(rota, t("2026-12-02T06:00:00+09:00"))).toMatchObject({ userId: "kim", source: { kind: "layer" } });
    expect(shiftsBetween(rota, t("2026-12-01T00:00:00+09:00"), t("2026-12-03T00:00:00+09:00"))).toHaveLength(1);
  });

  it("the final rota shows the covering span as its own shift", () => {
    const rota: Rota = { ...three, unavailable: new Set(["park"]) };
    const shifts = shiftsBetween(rota, t("2026-12-07T09:00:00+09:00"), t("2026-12-21T09:00:00+09:00"));
    expect(shifts.map((s) => [s.userId, s.source?.kind === "layer" ? (s.source.covering ?? null) : null])).toEqual([
      ["lee", "park"],
      ["lee", null],
    ]);
    expect(layerShiftsBetween(rota.layers[0], rota.timeZone, shifts[0].start, shifts[1].end, rota.unavailable)[0].userId).toBe("lee");
  });
});

describe("the final rota and its gaps", () => {
  const business = { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 18 * 60 };
  const rota: Rota = { timeZone: "Asia/Seoul", layers: [layer({ members: ["kim", "park"], restrictions: [business] })], overrides: [] };
  const from = t("2026-11-30T00:00:00+09:00");
  const to = t("2026-12-14T00:00:00+09:00");

  it("shifts cover the whole range without holes or overlaps", () => {
    const shifts = shiftsBetween(rota, from, to);
    expect(shifts[0].start).toBe(from);
    expect(shifts[shifts.length - 1].end).toBe(to);
    for (let i = 1; i < shifts.length; i++) expect(shifts[i].start).toBe(shifts[i - 1].end);
    const people = shifts.filter((s) => s.userId).map((s) => s.userId);
    expect(people).toEqual([...Array(5).fill("kim"), ...Array(5).fill("park")]);
  });

  it("gaps: nights and weekends of two weeks", () => {
    const gaps = coverageGaps(rota, from, to);
    const hours = gaps.reduce((sum, g) => sum + (g.end - g.start), 0) / HOUR;
    expect(hours).toBe(14 * 24 - 10 * 9);
    expect(gaps[0]).toEqual({ start: from, end: t("2026-11-30T09:00:00+09:00") });
  });

  it("a one-person rotation is one answer until the horizon", () => {
    const solo: Rota = { timeZone: "Asia/Seoul", layers: [layer({ rotation: { kind: "daily" }, members: ["kim"] })], overrides: [] };
    const at = t("2026-12-01T00:00:00Z");
    expect(onCallAt(solo, at, 7 * 24 * HOUR).until).toBe(at + 7 * 24 * HOUR);
    expect(layerShiftsBetween(solo.layers[0], solo.timeZone, from, to)).toHaveLength(1);
  });
});

describe("wall clock helpers", () => {
  it("recognises real zones and dates only", () => {
    expect(isValidTimeZone("Asia/Seoul")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(parseLocalDate("2026-02-29")).toBeNull();
    expect(parseClock("24:00")).toBeNull();
  });
});
