import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { escapeText, foldLine, renderCalendar } from "@/lib/domain/oncall/ical";

const t = (iso: string) => Date.parse(iso);

describe("iCalendar feed", () => {
  const text = renderCalendar({
    name: "팀 리더 온콜, team_lead",
    generatedAt: t("2026-11-29T12:00:00Z"),
    events: [
      {
        uid: "shift-1-1764464400000@incident-command",
        start: t("2026-11-30T00:00:00Z"),
        end: t("2026-12-07T00:00:00Z"),
        summary: "온콜: 팀 리더; Kim, 민수",
        description: `${"긴 설명 ".repeat(30)}\n둘째 줄`,
        url: "https://ic.example.com/oncall",
      },
    ],
  });

  it("parses with a maintained iCalendar library and keeps every field", () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    // X-WR-CALNAME is TEXT by convention; the library does not know the extension's type and returns it escaped.
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("팀 리더 온콜\\, team_lead");
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.uid).toBe("shift-1-1764464400000@incident-command");
    expect(event.summary).toBe("온콜: 팀 리더; Kim, 민수");
    expect(event.description).toBe(`${"긴 설명 ".repeat(30)}\n둘째 줄`);
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-12-07T00:00:00.000Z");
  });

  it("uses CRLF and folds lines at 75 octets without splitting a character", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const folded = foldLine(`SUMMARY:${"가".repeat(40)}`);
    expect(folded.split("\r\n ").join("")).toBe(`SUMMARY:${"가".repeat(40)}`);
  });

  it("escapes text values", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
  });
});
