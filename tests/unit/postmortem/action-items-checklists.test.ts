import { describe, expect, it } from "vitest";
import {
  actionItemInput,
  actionItemPatchInput,
  isDueDateInPast,
  isOverdue,
  summarizeActionItems,
} from "@/lib/domain/postmortem/action-items";
import {
  CHECKLIST_ITEM_KEYS,
  PREVENTION_CHECKLISTS,
  applyChecklistToggle,
  checklistProgress,
  checklistToggleInput,
} from "@/lib/domain/postmortem/checklists";

describe("action item input", () => {
  it("accepts a valid item and defaults status to open", () => {
    const r = actionItemInput.safeParse({ title: " 락 TTL 강제 ", owner: "박서준", dueDate: "2026-12-01", horizon: "immediate" });
    expect(r.success && r.data).toEqual({
      title: "락 TTL 강제",
      owner: "박서준",
      dueDate: "2026-12-01",
      horizon: "immediate",
      status: "open",
    });
  });

  it("refuses bad dates, horizons, statuses, blank owners and unknown fields", () => {
    const ok = { title: "x", owner: "y", dueDate: "2026-12-01", horizon: "long_term", status: "done" };
    expect(actionItemInput.safeParse(ok).success).toBe(true);
    expect(actionItemInput.safeParse({ ...ok, dueDate: "2026-02-30" }).success).toBe(false);
    expect(actionItemInput.safeParse({ ...ok, dueDate: "2026-12-01T00:00:00Z" }).success).toBe(false);
    expect(actionItemInput.safeParse({ ...ok, horizon: "soon" }).success).toBe(false);
    expect(actionItemInput.safeParse({ ...ok, status: "closed" }).success).toBe(false);
    expect(actionItemInput.safeParse({ ...ok, owner: "   " }).success).toBe(false);
    expect(actionItemInput.safeParse({ ...ok, priority: 1 }).success).toBe(false);
  });

  it("patches need at least one field", () => {
    expect(actionItemPatchInput.safeParse({}).success).toBe(false);
    expect(actionItemPatchInput.safeParse({ status: "done" }).success).toBe(true);
  });
});

describe("overdue", () => {
  // 2026-12-01T14:59Z is 23:59 on Dec 1 in Seoul; 15:00Z is already Dec 2.
  const item = { dueDate: "2026-12-01", status: "open" as const };

  it("is not overdue during the due day (Asia/Seoul), overdue from the next day", () => {
    expect(isOverdue(item, new Date("2026-12-01T14:59:00Z"))).toBe(false);
    expect(isOverdue(item, new Date("2026-12-01T15:00:00Z"))).toBe(true);
  });

  it("is never overdue once done", () => {
    expect(isOverdue({ ...item, status: "done" }, new Date("2027-01-01T00:00:00Z"))).toBe(false);
  });

  it("summarizes open, overdue and done counts", () => {
    const now = new Date("2026-12-10T00:00:00Z");
    const s = summarizeActionItems(
      [
        { dueDate: "2026-12-01", status: "open", horizon: "immediate" },
        { dueDate: "2026-12-05", status: "in_progress", horizon: "short_term" },
        { dueDate: "2026-12-31", status: "open", horizon: "short_term" },
        { dueDate: "2026-11-01", status: "done", horizon: "long_term" },
      ],
      now,
    );
    expect(s).toEqual({ total: 4, open: 3, inProgress: 1, done: 1, overdue: 2, byHorizon: { immediate: 1, short_term: 2, long_term: 1 } });
    expect(summarizeActionItems([], now)).toMatchObject({ total: 0, open: 0, overdue: 0 });
  });

  it("flags due dates before today for new items", () => {
    expect(isDueDateInPast("2026-12-01", new Date("2026-12-01T15:00:00Z"))).toBe(true);
    expect(isDueDateInPast("2026-12-02", new Date("2026-12-01T15:00:00Z"))).toBe(false);
  });
});

describe("prevention checklists (manual 5.2)", () => {
  it("has the manual's two lists and eight items, word for word", () => {
    expect(PREVENTION_CHECKLISTS.map((c) => c.title.ko)).toEqual(["코드 리뷰 체크포인트", "배포 전 체크리스트"]);
    expect(PREVENTION_CHECKLISTS.map((c) => c.items.map((i) => i.label.ko))).toEqual([
      ["트랜잭션 범위 적절성", "예외 처리 완전성", "리소스 해제 확실성", "성능 임계점 고려"],
      ["부하 테스트 수행", "장애 시나리오 테스트", "모니터링 지표 설정", "롤백 계획 수립"],
    ]);
    expect(PREVENTION_CHECKLISTS.flatMap((c) => c.items.map((i) => i.key))).toEqual([...CHECKLIST_ITEM_KEYS]);
    for (const item of PREVENTION_CHECKLISTS.flatMap((c) => c.items)) expect(item.label.en.length).toBeGreaterThan(0);
  });

  it("records who/when on check and clears it on uncheck", () => {
    const at = new Date("2026-11-26T01:00:00Z");
    const checked = applyChecklistToggle({}, { itemKey: "loadTest", checked: true }, { by: "김민수", at });
    expect(checked.loadTest).toEqual({ checked: true, by: "김민수", at: "2026-11-26T01:00:00.000Z" });
    expect(checklistProgress(checked)).toEqual({ checked: 1, total: 8 });
    const unchecked = applyChecklistToggle(checked, { itemKey: "loadTest", checked: false }, { by: "이지은", at });
    expect(unchecked.loadTest).toEqual({ checked: false });
    expect(checklistProgress(unchecked)).toEqual({ checked: 0, total: 8 });
  });

  it("validates toggles strictly", () => {
    expect(checklistToggleInput.safeParse({ itemKey: "rollbackPlan", checked: true }).success).toBe(true);
    expect(checklistToggleInput.safeParse({ itemKey: "coffee", checked: true }).success).toBe(false);
    expect(checklistToggleInput.safeParse({ itemKey: "rollbackPlan", checked: "yes" }).success).toBe(false);
    expect(checklistToggleInput.safeParse({ itemKey: "rollbackPlan", checked: true, by: "spoof" }).success).toBe(false);
  });
});
