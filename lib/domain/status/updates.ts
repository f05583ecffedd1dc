// Stakeholder updates (issue 15): the public statuses an update can carry, the templates the commander
// starts from (per scenario and severity, Korean and English), and the update reminder's timing.
import type { Severity } from "../severity";
import type { ScenarioSlug } from "../scenarios";
import { oneOf } from "@/lib/domain/one-of";

export const UPDATE_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

export const isUpdateStatus = oneOf(UPDATE_STATUSES);

export interface Bilingual {
  ko: string;
  en: string;
}

/** What customers are told a scenario does to them, in words without internal detail. */
const SCENARIO_SYMPTOM: Record<ScenarioSlug, Bilingual> = {
  "redis-lock-timeout": { ko: "주문과 결제 처리가 지연되거나 실패하고 있습니다", en: "orders and payments are slow or failing" },
  "db-deadlock": { ko: "일부 주문과 결제 요청이 실패하고 있습니다", en: "some orders and payments are failing" },
  "connection-pool-exhaustion": { ko: "서비스 응답이 느리거나 오류가 발생하고 있습니다", en: "the service is slow or returning errors" },
  "slow-query-surge": { ko: "페이지와 조회 응답이 느려졌습니다", en: "pages and searches are responding slowly" },
  "redis-cache-down": { ko: "서비스 응답이 느려졌습니다", en: "the service is responding slowly" },
  "kafka-consumer-lag": { ko: "쿠폰 발급이 지연되고 있습니다", en: "coupons are being issued with a delay" },
};

const GENERIC: Bilingual = { ko: "일부 서비스 이용에 문제가 있습니다", en: "some services are not working as expected" };

/** Severity decides how strongly the first sentence is put. */
const LEAD: Record<Severity, Bilingual> = {
  P0: { ko: "현재 서비스 전체에 장애가 발생했습니다", en: "We are experiencing a full service outage" },
  P1: { ko: "현재 핵심 기능에 장애가 발생했습니다", en: "We are experiencing an outage of a core function" },
  P2: { ko: "현재 일부 기능에 문제가 있습니다", en: "Some features are currently affected" },
  P3: { ko: "현재 일부 기능의 성능이 저하되었습니다", en: "Some features are currently degraded" },
};

const STEP: Record<UpdateStatus, Bilingual> = {
  investigating: { ko: "원인을 조사하고 있습니다.", en: "We are investigating the cause." },
  identified: { ko: "원인을 파악했으며 복구 작업을 진행하고 있습니다.", en: "We have identified the cause and are working on a fix." },
  monitoring: {
    ko: "조치를 적용했으며 정상 동작 여부를 지켜보고 있습니다.",
    en: "A fix has been applied and we are monitoring the results.",
  },
  resolved: {
    ko: "문제가 해결되었습니다. 이용에 불편을 드려 죄송합니다.",
    en: "The issue has been resolved. We apologise for the inconvenience.",
  },
};

/**
 * The text an update starts from; the commander edits it before publishing. `components` are the affected
 * components' names in each language (already joined by the caller's words).
 */
export function updateTemplate(input: {
  status: UpdateStatus;
  severity: Severity;
  scenario: ScenarioSlug | null;
  components: Bilingual[];
}): Bilingual {
  const symptom = input.scenario ? SCENARIO_SYMPTOM[input.scenario] : GENERIC;
  const names = {
    ko: input.components.map((c) => c.ko).join(", "),
    en: input.components.map((c) => c.en).join(", "),
  };
  const where = { ko: names.ko ? ` (${names.ko})` : "", en: names.en ? ` (${names.en})` : "" };
  if (input.status === "resolved") return { ko: `${STEP.resolved.ko}${where.ko}`, en: `${STEP.resolved.en}${where.en}` };
  return {
    ko: `${LEAD[input.severity].ko}${where.ko}: ${symptom.ko}. ${STEP[input.status].ko}`,
    en: `${LEAD[input.severity].en}${where.en}: ${symptom.en}. ${STEP[input.status].en}`,
  };
}

/** Minutes between updates per severity (Settings; P2/P3 have none by default). */
export type ReminderSettings = Record<Severity, number | null>;
export const DEFAULT_REMINDERS: ReminderSettings = { P0: 30, P1: 60, P2: null, P3: null };

export interface ReminderState {
  /** null: this severity has no reminder, or the incident is resolved */
  dueAt: Date | null;
  overdue: boolean;
}

/**
 * When the commander should post the next update: the interval after the last published update, or after
 * the declaration when there is none yet.
 */
export function nextUpdateDue(input: {
  severity: Severity;
  open: boolean;
  startedAt: Date;
  lastPublishedAt: Date | null;
  settings: ReminderSettings;
  now: Date;
}): ReminderState {
  const minutes = input.settings[input.severity];
  if (!input.open || minutes === null || minutes <= 0) return { dueAt: null, overdue: false };
  const from = input.lastPublishedAt ?? input.startedAt;
  const dueAt = new Date(from.getTime() + minutes * 60_000);
  return { dueAt, overdue: dueAt.getTime() <= input.now.getTime() };
}
