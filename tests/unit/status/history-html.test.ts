// The public page's history bars are prebuilt HTML (history-html.ts): one bar per day with its tooltip and
// colour, escaped, built once per history and language.
import { describe, expect, it } from "vitest";
import { escapeHtml, historyBarsHtml } from "@/lib/server/status/history-html";
import type { DayBar } from "@/lib/domain/status/history";

const bars: DayBar[] = [
  { date: "2026-11-27", state: "operational", impactMinutes: 0 },
  { date: "2026-11-28", state: "major_outage", impactMinutes: 45 },
  { date: "2026-11-29", state: "under_maintenance", impactMinutes: 0 },
];

describe("history bars HTML", () => {
  it("has one bar per day, oldest first, with the day's tooltip and colour", () => {
    expect(historyBarsHtml(bars, "ko")).toBe(
      '<span title="2026-11-27: 정상" class="bg-emerald-500"></span>' +
        '<span title="2026-11-28: 전면 장애" class="bg-red-600"></span>' +
        '<span title="2026-11-29: 점검 중" class="bg-sky-500"></span>',
    );
    expect(historyBarsHtml(bars, "en")).toContain('<span title="2026-11-28: Major outage" class="bg-red-600"></span>');
    expect(historyBarsHtml(bars, "en").match(/<span /g)).toHaveLength(3);
  });

  it("is built once per history and language: the same string back, a new history builds anew", () => {
    expect(historyBarsHtml(bars, "ko")).toBe(historyBarsHtml(bars, "ko"));
    const next = [...bars.slice(1), { date: "2026-11-30", state: "operational" as const, impactMinutes: 0 }];
    expect(historyBarsHtml(next, "ko")).toContain("2026-11-30: 정상");
    expect(historyBarsHtml(next, "ko")).not.toContain("2026-11-27");
  });

  it("escapes what it interpolates", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
