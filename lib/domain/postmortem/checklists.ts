// The prevention checklists of the manual (section 5.2) as data. Each postmortem records which items the
// team checked, by whom and when, so "did we load-test the fix?" has an answer with a name on it.
// Item keys are stored in the database: reword labels freely, never rename keys.
import { z } from "zod";
import type { LocalizedText } from "./template";
import { oneOf } from "@/lib/domain/one-of";

export const CHECKLIST_ITEM_KEYS = [
  "transactionScope",
  "exceptionHandling",
  "resourceRelease",
  "performanceThresholds",
  "loadTest",
  "failureScenarioTest",
  "monitoringMetrics",
  "rollbackPlan",
] as const;
export type ChecklistItemKey = (typeof CHECKLIST_ITEM_KEYS)[number];

export const CHECKLIST_KEYS = ["codeReview", "preDeploy"] as const;
export type ChecklistKey = (typeof CHECKLIST_KEYS)[number];

export interface ChecklistItem {
  key: ChecklistItemKey;
  label: LocalizedText;
}

export interface Checklist {
  key: ChecklistKey;
  title: LocalizedText;
  items: readonly ChecklistItem[];
}

export const PREVENTION_SECTION_TITLE: LocalizedText = { ko: "예방 조치", en: "Prevention" };

export const PREVENTION_CHECKLISTS: readonly Checklist[] = [
  {
    key: "codeReview",
    title: { ko: "코드 리뷰 체크포인트", en: "Code review checkpoints" },
    items: [
      { key: "transactionScope", label: { ko: "트랜잭션 범위 적절성", en: "Transaction scope is appropriate" } },
      { key: "exceptionHandling", label: { ko: "예외 처리 완전성", en: "Exception handling is complete" } },
      { key: "resourceRelease", label: { ko: "리소스 해제 확실성", en: "Resources are reliably released" } },
      { key: "performanceThresholds", label: { ko: "성능 임계점 고려", en: "Performance thresholds considered" } },
    ],
  },
  {
    key: "preDeploy",
    title: { ko: "배포 전 체크리스트", en: "Pre-deployment checklist" },
    items: [
      { key: "loadTest", label: { ko: "부하 테스트 수행", en: "Load test performed" } },
      { key: "failureScenarioTest", label: { ko: "장애 시나리오 테스트", en: "Failure scenarios tested" } },
      { key: "monitoringMetrics", label: { ko: "모니터링 지표 설정", en: "Monitoring metrics set up" } },
      { key: "rollbackPlan", label: { ko: "롤백 계획 수립", en: "Rollback plan prepared" } },
    ],
  },
];

/** Who checked an item and when (ISO 8601 UTC); absent = unchecked. */
export interface ChecklistMark {
  checked: boolean;
  by?: string | null;
  at?: string | null;
}

export type ChecklistState = Partial<Record<ChecklistItemKey, ChecklistMark>>;

export const isChecklistItemKey = oneOf(CHECKLIST_ITEM_KEYS);

/** Toggling one item; the server adds `by` and `at` from the session and its clock, never from the client. */
export const checklistToggleInput = z.strictObject({
  itemKey: z.enum(CHECKLIST_ITEM_KEYS, { error: `itemKey must be one of: ${CHECKLIST_ITEM_KEYS.join(", ")}.` }),
  checked: z.boolean({ error: "checked must be true or false." }),
});
export type ChecklistToggleInput = z.infer<typeof checklistToggleInput>;

/** Applies a toggle; unchecking clears who/when so the export never shows a stale name. */
export function applyChecklistToggle(state: ChecklistState, toggle: ChecklistToggleInput, actor: { by: string; at: Date }): ChecklistState {
  const mark: ChecklistMark = toggle.checked ? { checked: true, by: actor.by, at: actor.at.toISOString() } : { checked: false };
  return { ...state, [toggle.itemKey]: mark };
}

export function checklistProgress(state: ChecklistState): { checked: number; total: number } {
  const checked = CHECKLIST_ITEM_KEYS.filter((k) => state[k]?.checked === true).length;
  return { checked, total: CHECKLIST_ITEM_KEYS.length };
}
