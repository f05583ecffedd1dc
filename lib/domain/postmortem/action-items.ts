// Follow-up action items of a postmortem: each has an owner, a due date and a horizon matching the
// manual's improvement plan (즉시 / 단기 1개월 내 / 장기 구조적), so nothing promised in a report is lost.
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import type { LocalizedText } from "./template";
import { DEFAULT_TIME_ZONE, wallClock } from "./time";

export const ACTION_ITEM_HORIZONS = ["immediate", "short_term", "long_term"] as const;
export type ActionItemHorizon = (typeof ACTION_ITEM_HORIZONS)[number];

export const ACTION_ITEM_STATUSES = ["open", "in_progress", "done"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** Labels as the export writes them: 구분 즉시/단기/장기, after the manual's improvement plan. */
export const HORIZON_LABELS: Record<ActionItemHorizon, LocalizedText> = {
  immediate: { ko: "즉시", en: "Immediate" },
  short_term: { ko: "단기", en: "Short term" },
  long_term: { ko: "장기", en: "Long term" },
};

export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, LocalizedText> = {
  open: { ko: "대기", en: "Open" },
  in_progress: { ko: "진행 중", en: "In progress" },
  done: { ko: "완료", en: "Done" },
};

export const ACTION_TITLE_MAX = 300;
export const ACTION_OWNER_MAX = 100;

const title = safeString({ error: "title is required." })
  .trim()
  .min(1, 'title is required: say what will change, e.g. "Add a TTL to every point-charge lock".')
  .max(ACTION_TITLE_MAX, `title is too long (at most ${ACTION_TITLE_MAX} characters).`);
const owner = safeString({ error: "owner is required." })
  .trim()
  .min(1, "owner is required: an item without an owner does not get done.")
  .max(ACTION_OWNER_MAX, `owner is too long (at most ${ACTION_OWNER_MAX} characters).`);
// A calendar date, not an instant: "due 2026-12-01" means that whole day in the team's time zone.
const dueDate = z.iso.date({ error: "dueDate must be a calendar date YYYY-MM-DD, e.g. 2026-12-01." });
const horizon = z.enum(ACTION_ITEM_HORIZONS, { error: `horizon must be one of: ${ACTION_ITEM_HORIZONS.join(", ")}.` });
const status = z.enum(ACTION_ITEM_STATUSES, { error: `status must be one of: ${ACTION_ITEM_STATUSES.join(", ")}.` });

export const actionItemInput = z.strictObject({
  title,
  owner,
  dueDate,
  horizon,
  status: status.default("open"),
});
export type ActionItemInput = z.infer<typeof actionItemInput>;

export const actionItemPatchInput = z
  .strictObject({
    title: title.optional(),
    owner: owner.optional(),
    dueDate: dueDate.optional(),
    horizon: horizon.optional(),
    status: status.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to change: send at least one field." });
export type ActionItemPatchInput = z.infer<typeof actionItemPatchInput>;

/** What the overdue rules need; stored items carry more (id, timestamps). */
export interface ActionItemLike {
  dueDate: string;
  status: ActionItemStatus;
}

export interface ActionItem extends ActionItemLike {
  id?: string;
  title: string;
  owner: string;
  horizon: ActionItemHorizon;
}

/**
 * Overdue = not done and the due day has ended in the team's time zone: an item due today is not
 * overdue until midnight (Asia/Seoul), which is how people read "due 12/01".
 */
export function isOverdue(item: ActionItemLike, now: Date, timeZone: string = DEFAULT_TIME_ZONE): boolean {
  if (item.status === "done") return false;
  // ISO dates compare correctly as strings.
  return wallClock(now, timeZone).date > item.dueDate;
}

export interface ActionItemSummary {
  total: number;
  /** not done yet (status open or in_progress) */
  open: number;
  inProgress: number;
  done: number;
  overdue: number;
  byHorizon: Record<ActionItemHorizon, number>;
}

export function summarizeActionItems(
  items: readonly (ActionItemLike & { horizon?: ActionItemHorizon })[],
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): ActionItemSummary {
  const summary: ActionItemSummary = {
    total: items.length,
    open: 0,
    inProgress: 0,
    done: 0,
    overdue: 0,
    byHorizon: { immediate: 0, short_term: 0, long_term: 0 },
  };
  for (const item of items) {
    if (item.status === "done") summary.done += 1;
    else summary.open += 1;
    if (item.status === "in_progress") summary.inProgress += 1;
    if (isOverdue(item, now, timeZone)) summary.overdue += 1;
    if (item.horizon) summary.byHorizon[item.horizon] += 1;
  }
  return summary;
}

/** Due dates before today are refused for new items, as a typo guard; the server passes its clock. */
export function isDueDateInPast(dueDate: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): boolean {
  return dueDate < wallClock(now, timeZone).date;
}
