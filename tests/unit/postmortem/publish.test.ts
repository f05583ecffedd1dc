import { describe, expect, it } from "vitest";
import {
  allowedPostmortemTransitions,
  canEditSections,
  checkPostmortemTransition,
  checkPublishable,
  describeMissing,
} from "@/lib/domain/postmortem/publish";
import type { PostmortemSections } from "@/lib/domain/postmortem/template";

const complete: PostmortemSections = {
  timeWindow: "2026-11-25 12:00 - 12:42",
  impact: "사용자 1,200명, 거래량 3,400건 영향",
  severity: "P1",
  recoveryTime: "42분",
  directCause: "TTL 없는 락",
  rootCause: "finally 누락",
  detection: "알람",
  response: "락 삭제",
  recovery: "재시도",
  verification: "헬스 체크",
  immediateImprovement: "TTL 강제",
};

describe("checkPublishable", () => {
  it("accepts a report whose required fields are filled; optional ones may be empty", () => {
    expect(checkPublishable(complete)).toEqual({ ok: true });
  });

  it("lists missing required fields with their headings, in template order; whitespace is empty", () => {
    const check = checkPublishable({ ...complete, impact: "  \n ", rootCause: undefined, verification: "" });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.missing.map((m) => m.key)).toEqual(["impact", "rootCause", "verification"]);
    expect(check.missing[0]).toEqual({
      key: "impact",
      section: { ko: "장애 요약", en: "Incident summary" },
      label: { ko: "영향 범위", en: "Impact" },
    });
    expect(describeMissing(check.missing, "ko")).toBe("장애 요약 › 영향 범위, 근본 원인 분석 › 근본 원인, 대응 과정 › 검증");
  });

  it("reports everything required for an empty report", () => {
    const check = checkPublishable({});
    expect(check.ok ? 0 : check.missing.length).toBe(11);
  });
});

describe("postmortem workflow draft → in_review → published", () => {
  const t = (
    from: "draft" | "in_review" | "published",
    to: "draft" | "in_review" | "published",
    role: "admin" | "commander" | "responder" | "manager" | "viewer",
    sections = complete,
    reason?: string,
  ) => checkPostmortemTransition({ from, to, role, sections, reason });

  it("submits a complete draft for review (any editor)", () => {
    expect(t("draft", "in_review", "responder")).toEqual({ ok: true, kind: "submit" });
  });

  it("refuses to submit an incomplete draft and says what is missing", () => {
    const check = t("draft", "in_review", "responder", { ...complete, directCause: "" });
    expect(check).toMatchObject({ ok: false, code: "incomplete" });
    if (!check.ok) {
      expect(check.missing?.map((m) => m.key)).toEqual(["directCause"]);
      expect(check.reason).toContain("Root cause analysis › Direct cause");
    }
  });

  it("sends a report in review back to draft", () => {
    expect(t("in_review", "draft", "responder")).toEqual({ ok: true, kind: "request_changes" });
  });

  it("publishes from review only as admin or commander, and only when complete", () => {
    expect(t("in_review", "published", "commander")).toEqual({ ok: true, kind: "publish" });
    expect(t("in_review", "published", "admin")).toEqual({ ok: true, kind: "publish" });
    expect(t("in_review", "published", "responder")).toMatchObject({ ok: false, code: "forbidden" });
    expect(t("in_review", "published", "commander", { ...complete, immediateImprovement: " " })).toMatchObject({
      ok: false,
      code: "incomplete",
    });
  });

  it("never publishes a draft directly", () => {
    expect(t("draft", "published", "admin")).toMatchObject({ ok: false, code: "invalid_transition" });
  });

  it("keeps published final; only an admin reopens it to draft, with a reason", () => {
    expect(t("published", "draft", "commander", complete, "wrong root cause")).toMatchObject({ ok: false, code: "forbidden" });
    expect(t("published", "draft", "admin")).toMatchObject({ ok: false, code: "reason_required" });
    expect(t("published", "draft", "admin", complete, "  ")).toMatchObject({ ok: false, code: "reason_required" });
    expect(t("published", "draft", "admin", complete, "root cause proved wrong")).toEqual({ ok: true, kind: "reopen" });
    expect(t("published", "in_review", "admin", complete, "x")).toMatchObject({ ok: false, code: "invalid_transition" });
  });

  it("refuses roles without postmortem.edit and no-op transitions", () => {
    expect(t("draft", "in_review", "viewer")).toMatchObject({ ok: false, code: "forbidden" });
    expect(t("draft", "in_review", "manager")).toMatchObject({ ok: false, code: "forbidden" });
    expect(t("draft", "draft", "admin")).toMatchObject({ ok: false, code: "invalid_transition" });
  });

  it("lists the moves a role can make (completeness is shown per field, not hidden here)", () => {
    expect(allowedPostmortemTransitions("draft", "responder")).toEqual(["in_review"]);
    expect(allowedPostmortemTransitions("in_review", "responder")).toEqual(["draft"]);
    expect(allowedPostmortemTransitions("in_review", "commander")).toEqual(["draft", "published"]);
    expect(allowedPostmortemTransitions("published", "commander")).toEqual([]);
    expect(allowedPostmortemTransitions("published", "admin")).toEqual(["draft"]);
    expect(allowedPostmortemTransitions("draft", "viewer")).toEqual([]);
  });

  it("locks sections once published", () => {
    expect(canEditSections("draft")).toBe(true);
    expect(canEditSections("in_review")).toBe(true);
    expect(canEditSections("published")).toBe(false);
  });
});
