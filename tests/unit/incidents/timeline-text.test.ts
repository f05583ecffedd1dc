import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import { incidentChangeText, systemEventText, type TimelineTranslate } from "@/lib/domain/timeline-text";
import ko from "@/lib/i18n/messages/ko.json";
import en from "@/lib/i18n/messages/en.json";

const tr = (locale: "ko" | "en") => createTranslator({ locale, messages: locale === "ko" ? ko : en }) as unknown as TimelineTranslate;
const text = (kind: string, data: unknown, locale: "ko" | "en" = "en") => incidentChangeText({ kind, data }, tr(locale));

describe("the incident's own timeline changes in the reader's language", () => {
  it("reads declarations, status, severity and commander changes from the event's data", () => {
    expect(text("declared", { severity: "P1", title: "Checkout 500s" })).toBe("Declared P1: Checkout 500s");
    expect(text("declared", { severity: "P1", title: "Checkout 500s" }, "ko")).toBe("P1 장애 선언: Checkout 500s");
    expect(text("status", { from: "investigating", to: "identified" }, "ko")).toBe("상태 조사 중 → 원인 파악");
    expect(text("resolved", { from: "mitigated", reason: "rolled back" })).toBe("Resolved (was Mitigated) · Reason: rolled back");
    expect(text("reopened", {}, "ko")).toBe("다시 열림");
    expect(text("severity", { from: "P2", to: "P0", reason: "all users" })).toBe("Severity P2 → P0 · Reason: all users");
    expect(text("commander", { to: "u1", name: "Kim" })).toBe("Commander: Kim");
    expect(text("commander", { to: null }, "ko")).toBe("지휘자 지정 해제");
  });

  it("keeps a status it does not know as written", () => {
    expect(text("status", { from: "investigating", to: "paused" })).toBe("Status Investigating → paused");
  });

  it("answers null for other events and for data that does not say enough (the recorded message is shown)", () => {
    expect(text("note", { text: "hello" })).toBeNull();
    expect(text("diagnostic", null)).toBeNull();
    expect(text("declared", { severity: "P1" })).toBeNull();
    expect(text("commander", { to: "u1" })).toBeNull();
  });
});

describe("alert and recovery rows in the reader's language and clock", () => {
  const clock = (iso: string) => `${iso.slice(11, 19)} UTC`;
  const sys = (kind: string, data: unknown, locale: "ko" | "en") => systemEventText({ kind, data }, tr(locale), clock, locale);
  const fired = {
    source: "rule-engine",
    rule: "HighErrorRate",
    signal: "error_ratio",
    value: 0.304,
    comparator: ">",
    threshold: 0.05,
    forMs: 60_000,
    activeAt: "2026-11-29T05:03:12.000Z",
    firedAt: "2026-11-29T05:04:12.000Z",
    chart: "/metrics?signal=error_ratio",
  };

  it("reads an app rule's firing, resolution and silence from the row's data", () => {
    expect(sys("alert", fired, "en")).toBe(
      "Alert HighErrorRate fired: 5xx error ratio 30.4 % (condition 5xx error ratio > 5 % for 1 min) · condition met 05:03:12 UTC, fired 05:04:12 UTC",
    );
    expect(sys("alert", fired, "ko")).toBe(
      "알람 HighErrorRate 발생: 5xx 에러 비율 30.4 % (조건 5xx 에러 비율 > 5 %, 1분 지속) · 조건 충족 05:03:12 UTC, 발생 05:04:12 UTC",
    );
    expect(sys("alert-resolved", { ...fired, resolvedAt: "2026-11-29T05:20:00.000Z" }, "en")).toContain("stopped holding at 05:20:00 UTC");
    expect(sys("alert-nodata", { ...fired, noDataAt: "2026-11-29T05:10:00.000Z" }, "en")).toContain("no data since 05:10:00 UTC");
  });

  it("reads recovery verifications and single Alertmanager alerts; a group change keeps its recorded text", () => {
    const results = [
      { checkId: "health", ok: false },
      { checkId: "orders", ok: true },
    ];
    expect(sys("recovery", { passed: 1, total: 2, results }, "en")).toBe("Recovery verification failed: 1/2 passed — failed: health");
    expect(sys("recovery", { passed: 2, total: 2, results: [] }, "ko")).toBe("복구 검증 통과: 2/2");
    const external = {
      source: "alertmanager",
      alertname: "DiskFull",
      fingerprint: "abc",
      summary: "disk 95 %",
      startsAt: "2026-11-29T05:00:00.000Z",
    };
    expect(sys("alert", external, "en")).toBe("Alertmanager alert DiskFull fired: disk 95 % (fired 05:00:00 UTC)");
    expect(sys("alert", { source: "alertmanager", alertname: "DiskFull", fired: 3 }, "en")).toBeNull();
    expect(sys("note", {}, "en")).toBeNull();
  });
});
