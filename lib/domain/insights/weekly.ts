// The managers' weekly report: due every Monday at 09:00 in Settings' time zone, covering the week before
// (Monday 00:00 to Monday 00:00). Pure: the caller passes `now`, so the schedule is tested with any clock.
import { zonedTimeToUtc } from "../business-hours";
import { rangeDays, weekKey } from "./weeks";
import type { InsightsReport } from "./types";

export const REPORT_MINUTE_OF_DAY = 9 * 60;
/** A report not sent within a day of its slot (the app was down, or was just installed) is skipped: old news. */
export const REPORT_GRACE_MS = 24 * 60 * 60_000;
const DAY = 86_400_000;

export interface WeeklySlot {
  /** the covered week's Monday (YYYY-MM-DD): one report per value, ever */
  week: string;
  dueAt: Date;
  from: Date;
  to: Date;
}

const mondayOf = (key: string, timeZone: string, minute = 0) => {
  const [y, m, d] = key.split("-").map(Number);
  return zonedTimeToUtc(y, m, d, minute, timeZone);
};
const shiftKey = (key: string, days: number) => {
  const [y, m, d] = key.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
};

/** The most recent Monday-09:00 slot at or before `now`. */
export function latestWeeklySlot(now: Date, timeZone: string): WeeklySlot {
  let monday = weekKey(now, timeZone);
  if (now < mondayOf(monday, timeZone, REPORT_MINUTE_OF_DAY)) monday = shiftKey(monday, -7);
  const covered = shiftKey(monday, -7);
  return {
    week: covered,
    dueAt: mondayOf(monday, timeZone, REPORT_MINUTE_OF_DAY),
    from: mondayOf(covered, timeZone),
    to: mondayOf(monday, timeZone),
  };
}

export function isStale(slot: WeeklySlot, now: Date): boolean {
  return now.getTime() - slot.dueAt.getTime() > REPORT_GRACE_MS;
}

export interface LocalizedText {
  ko: string;
  en: string;
}

const minutes = (ms: number | null) => (ms === null ? "–" : String(Math.round(ms / 6_000) / 10));
const percent = (share: number | null) => (share === null ? "–" : `${Math.round(share * 1000) / 10}%`);

/** The headline figures as the email and Slack message say them, with links to the page and the incidents behind a miss. */
export function weeklyReportText(
  report: InsightsReport,
  links: { page: string; incident: (id: number) => string },
): { subject: LocalizedText; body: LocalizedText } {
  const t = report.totals;
  const days = rangeDays(new Date(report.from), new Date(report.to), report.timeZone);
  const range = `${days.first} ~ ${days.last}`;
  const rows = report.bySeverity.filter((r) => r.count > 0);
  const missed = t.target.missedIds.slice(0, 10).map((id) => `#${id} ${links.incident(id)}`);
  const ko = [
    `주간 인사이트 (${range}, ${report.timeZone})`,
    `장애 ${t.count}건 · 목표 달성 ${percent(t.target.share)} (미달 ${t.target.missed}건) · MTTA 중앙값 ${minutes(t.mtta.medianMs)}분 · MTTR 중앙값 ${minutes(t.mttr.medianMs)}분 · 미확인 ${t.unacknowledged.count}건`,
    ...rows.map(
      (r) =>
        `${r.severity}: ${r.count}건, 목표 달성 ${percent(r.target.share)}, MTTR 중앙값 ${minutes(r.mttr.medianMs)}분 (p90 ${minutes(r.mttr.p90Ms)}분)`,
    ),
    ...(missed.length ? ["목표 미달 장애:", ...missed] : []),
    `자세히 보기: ${links.page}`,
  ];
  const en = [
    `Weekly insights (${range}, ${report.timeZone})`,
    `${t.count} incidents · met target ${percent(t.target.share)} (${t.target.missed} missed) · MTTA median ${minutes(t.mtta.medianMs)} min · MTTR median ${minutes(t.mttr.medianMs)} min · ${t.unacknowledged.count} unacknowledged`,
    ...rows.map(
      (r) =>
        `${r.severity}: ${r.count}, met target ${percent(r.target.share)}, MTTR median ${minutes(r.mttr.medianMs)} min (p90 ${minutes(r.mttr.p90Ms)} min)`,
    ),
    ...(missed.length ? ["Missed the target:", ...missed] : []),
    `Details: ${links.page}`,
  ];
  return {
    subject: {
      ko: `[주간 인사이트] ${range} 장애 ${t.count}건, 목표 달성 ${percent(t.target.share)}`,
      en: `[Weekly insights] ${range}: ${t.count} incidents, ${percent(t.target.share)} met target`,
    },
    body: { ko: ko.join("\n"), en: en.join("\n") },
  };
}
