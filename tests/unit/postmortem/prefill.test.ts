import { describe, expect, it } from "vitest";
import { prefillPostmortem, formatTimeWindow } from "@/lib/domain/postmortem/prefill";
import { checkPublishable } from "@/lib/domain/postmortem/publish";
import { diagnostics, escalations, incident, timeline } from "./fixtures";

describe("prefillPostmortem from a resolved P1", () => {
  const ko = prefillPostmortem({ incident, timeline, diagnostics, escalations, locale: "ko" });

  it("writes the time window in Asia/Seoul as YYYY-MM-DD HH:MM - HH:MM", () => {
    expect(ko.sections.timeWindow).toBe("2026-11-25 12:00 - 12:42");
  });

  it("writes severity, recovery minutes and the breach against the 30 min target", () => {
    expect(ko.sections.severity).toBe("P1");
    expect(ko.sections.recoveryTime).toBe("42분 (목표 30분, 12분 초과)");
  });

  it("says the target was met when it was", () => {
    const quick = prefillPostmortem({ incident: { ...incident, resolvedAt: "2026-11-25T03:18:00.000Z" }, timeline: [], locale: "en" });
    expect(quick.sections.recoveryTime).toBe("18 min (within the 30 min target)");
    const p2 = prefillPostmortem({
      incident: { ...incident, severity: "P2", resolvedAt: "2026-11-25T05:30:00.000Z" },
      timeline: [],
      locale: "ko",
    });
    expect(p2.sections.recoveryTime).toBe("150분 (목표 2시간, 30분 초과)");
  });

  it("takes detection from the first event by time (not array order) and says how it was found", () => {
    expect(ko.sections.detection).toBe("2026-11-25 12:00 알람으로 탐지: Alertmanager — HighResponseTime firing: p95 1.8s > 1.0s");
    expect(ko.facts.find((f) => f.key === "detection")?.source).toEqual({ kind: "timeline", id: "ev1" });
  });

  it("writes an editable timeline excerpt: first 5, '… 외 n건', last 5, one line per event; probe results only once, below", () => {
    const excerpt = (ko.sections.response ?? "").split("\n\n")[0];
    expect(excerpt.split("\n")).toEqual([
      "- 12:00 Alertmanager — HighResponseTime firing: p95 1.8s > 1.0s",
      "- 12:01 김민수 — Commander: 김민수",
      "- 12:02 이지은 — 포인트 충전 API 타임아웃 다수",
      "- 12:06 김민수 — investigating → identified",
      "- 12:08 박서준 — TTL 없는 락 12개 발견",
      "- … 외 3건",
      "- 12:25 이지은 — 에러율 감소 확인 중",
      "- 12:30 system — 팀 리더 알림",
      "- 12:35 김민수 — identified → mitigated",
      "- 12:40 이지은 — p95 0.3s 회복",
      "- 12:42 김민수 — mitigated → resolved",
    ]);
  });

  it("summarises diagnostics before recovery under the response and after recovery as verification, linking the full results", () => {
    expect(ko.sections.response).toContain(
      "진단 결과 (요약, 전체 결과는 [장애 화면의 진단](/incidents/42#diagnostics)):\n- 12:04 Redis lock scan: 심각 — 1,204 locks, 12 without TTL",
    );
    expect(ko.sections.response).not.toContain("Redis ping ok");
    expect(ko.sections.verification).toBe(
      "진단 결과 (요약, 전체 결과는 [장애 화면의 진단](/incidents/42#diagnostics)):\n- 12:38 Actuator health: 정상 — status UP",
    );
    // the fact keeps the probe's full line and links to its run
    expect(ko.facts.find((f) => f.key === "diagnostic:dg-lock")?.value).toBe(
      "2026-11-25 12:04 [심각] Redis lock scan — 1,204 locks, 12 without TTL",
    );
  });

  it("writes one short readable line per run: the error's reason in the report's language, long output cut, a worded reason first", () => {
    const runs = [
      {
        id: "dg-act",
        title: "애플리케이션 헬스",
        verdict: "error" as const,
        summary: "Actuator at 127.0.0.1:8080 refused the connection",
        errorCode: "ECONNREFUSED",
        address: "127.0.0.1:8080",
        ranAt: diagnostics[1].ranAt,
      },
      { id: "dg-long", title: "MySQL 프로세스 목록", verdict: "warning" as const, summary: "x".repeat(500), ranAt: diagnostics[1].ranAt },
      {
        id: "dg-prom",
        title: "Prometheus 쿼리",
        verdict: "ok" as const,
        summary: "built-in simulator (no Prometheus configured): p95 response time 0.2 s (warning > 1 s)",
        reason: "p95 응답시간 0.2 s (주의 기준 > 1 s) (시뮬레이터)",
        ranAt: diagnostics[1].ranAt,
      },
    ];
    const lines = (prefillPostmortem({ incident, timeline: [], diagnostics: runs, locale: "ko" }).sections.response ?? "").split("\n");
    expect(lines[1]).toBe("- 12:04 애플리케이션 헬스: 오류 — 연결 거부 (127.0.0.1:8080)");
    expect(lines[2]).toMatch(/^- 12:04 MySQL 프로세스 목록: 주의 — x{79}…$/);
    expect(lines[3]).toBe("- 12:04 Prometheus 쿼리: 정상 — p95 응답시간 0.2 s (주의 기준 > 1 s) (시뮬레이터)");
    const en = prefillPostmortem({ incident, timeline: [], diagnostics: [{ ...runs[0], title: "Application health" }], locale: "en" });
    expect(en.sections.response).toBe(
      "Diagnostics (summary; full results in [the incident room's diagnostics](/incidents/42#diagnostics)):\n- 12:04 Application health: Error — connection refused (127.0.0.1:8080)",
    );
  });

  it("reports a probe that errored as 오류 (Error), as the room showed it, never as a warning", () => {
    const errored = [
      { id: "dg-err", title: "Actuator health", verdict: "error" as const, summary: "refused the connection", ranAt: diagnostics[1].ranAt },
    ];
    const koErr = prefillPostmortem({ incident, timeline, diagnostics: errored, escalations, locale: "ko" });
    expect(koErr.sections.response).toContain("- 12:04 Actuator health: 오류 — refused the connection");
    expect(koErr.sections.response).not.toContain("주의");
    expect(koErr.facts.find((f) => f.key === "diagnostic:dg-err")?.value).toContain("[오류] Actuator health — refused the connection");
    const enErr = prefillPostmortem({ incident, timeline, diagnostics: errored, escalations, locale: "en" });
    expect(enErr.sections.response).toContain("- 12:04 Actuator health: Error — refused the connection");
  });

  it("lists only escalations that fired, with who acknowledged them", () => {
    expect(ko.sections.response).toContain("에스컬레이션:\n- 2026-11-25 12:30 팀 리더 (확인: 최팀장 2026-11-25 12:31)");
    expect(ko.sections.response).not.toContain("부서장");
  });

  it("returns every prefilled value as a fact linked to its source record", () => {
    expect(ko.facts.map((f) => [f.key, f.source.kind, f.source.id, f.field])).toEqual([
      ["timeWindow", "incident", "42", "timeWindow"],
      ["severity", "incident", "42", "severity"],
      ["recoveryMinutes", "incident", "42", "recoveryTime"],
      ["sla", "incident", "42", "recoveryTime"],
      ["detection", "timeline", "ev1", "detection"],
      ["diagnostic:dg-lock", "diagnostic", "dg-lock", "response"],
      ["diagnostic:dg-after", "diagnostic", "dg-after", "verification"],
      ["escalation:esc-tl", "escalation", "esc-tl", "response"],
    ]);
    for (const fact of ko.facts) {
      expect(fact.label.ko.length).toBeGreaterThan(0);
      expect(fact.label.en.length).toBeGreaterThan(0);
      expect(fact.value.length).toBeGreaterThan(0);
    }
  });

  it("leaves the analysis to people: impact, recovery, causes and improvements stay empty", () => {
    for (const key of ["impact", "recovery", "directCause", "rootCause", "contributingFactors", "immediateImprovement"] as const) {
      expect(ko.sections[key]).toBeUndefined();
    }
    const check = checkPublishable(ko.sections);
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.missing.map((m) => m.key)).toEqual(["impact", "directCause", "rootCause", "recovery", "immediateImprovement"]);
  });

  it("is deterministic (pure) and does not mutate its inputs", () => {
    const before = JSON.stringify(timeline);
    const again = prefillPostmortem({ incident, timeline, diagnostics, escalations, locale: "ko" });
    expect(again).toEqual(ko);
    expect(JSON.stringify(timeline)).toBe(before);
  });

  it("writes English when asked", () => {
    const en = prefillPostmortem({ incident, timeline, diagnostics, escalations, locale: "en" });
    expect(en.sections.recoveryTime).toBe("42 min (target 30 min, breached by 12 min)");
    expect(en.sections.detection).toMatch(/^2026-11-25 12:00 Detected by an alert: /);
    expect(en.sections.response).toContain("- … 3 more");
    expect(en.sections.response).toContain("- 2026-11-25 12:30 Team lead (acknowledged by 최팀장 at 2026-11-25 12:31)");
  });

  it("handles an open incident and an empty timeline", () => {
    const open = prefillPostmortem({ incident: { ...incident, resolvedAt: null, source: "manual" }, timeline: [], locale: "ko" });
    expect(open.sections.timeWindow).toBe("2026-11-25 12:00 - (진행 중)");
    expect(open.sections.recoveryTime).toBeUndefined();
    expect(open.sections.detection).toBe("2026-11-25 12:00 수동 선언");
    expect(open.sections.response).toBeUndefined();
    expect(open.facts.find((f) => f.key === "recoveryMinutes")?.value).toBe("진행 중");
  });

  it("shows all events when there are few, and respects a custom cap", () => {
    const short = prefillPostmortem({ incident, timeline: timeline.slice(0, 3), locale: "ko" });
    expect(short.sections.response?.split("\n")).toHaveLength(3);
    const capped = prefillPostmortem({ incident, timeline, locale: "ko", timelineHead: 1, timelineTail: 1 });
    expect(capped.sections.response?.split("\n")).toEqual([
      "- 12:00 Alertmanager — HighResponseTime firing: p95 1.8s > 1.0s",
      "- … 외 11건", // 13 events less the probe result, which is summarised under 진단 결과
      "- 12:42 김민수 — mitigated → resolved",
    ]);
  });

  it("adds dates to the excerpt and the window when the incident crosses midnight (KST)", () => {
    expect(formatTimeWindow(new Date("2026-11-25T14:50:00Z"), new Date("2026-11-25T15:20:00Z"), "ko")).toBe(
      "2026-11-25 23:50 - 2026-11-26 00:20",
    );
    const late = prefillPostmortem({
      incident: { ...incident, startedAt: "2026-11-25T14:50:00Z", resolvedAt: "2026-11-25T15:20:00Z" },
      timeline: [
        { id: "a", kind: "declared", actorName: "x", message: "start", createdAt: "2026-11-25T14:50:00Z" },
        { id: "b", kind: "status", actorName: "x", message: "end", createdAt: "2026-11-25T15:20:00Z" },
      ],
      locale: "ko",
    });
    expect(late.sections.response).toBe("- 2026-11-25 23:50 x — start\n- 2026-11-26 00:20 x — end");
  });

  it("truncates very long messages so one note cannot flood the report", () => {
    const long = prefillPostmortem({
      incident,
      timeline: [{ id: "l", kind: "note", actorName: "x", message: "가".repeat(500), createdAt: incident.startedAt }],
      locale: "ko",
    });
    expect(long.sections.response?.length).toBeLessThan(230);
    expect(long.sections.response?.endsWith("…")).toBe(true);
  });

  it("refuses an invalid timestamp instead of printing NaN", () => {
    expect(() => prefillPostmortem({ incident: { ...incident, startedAt: "yesterday" }, timeline: [], locale: "ko" })).toThrow(/startedAt/);
  });
});
