"use client";
// A rule's state with how long: "정상", "대기 45초째 · 2분 지속 시 발생", "발생 3분째"; a rule that
// could not be evaluated says so ("평가 불가", "데이터 없음") instead of "정상".
import { useTranslations } from "next-intl";
import type { RuleStateDto } from "./api";
import { formatDuration } from "./format";

const CHIP = {
  inactive: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200",
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  firing: "bg-red-600 text-white",
} as const;

export function RuleStateChip({ rule, now, locale }: { rule: RuleStateDto; now: number; locale: "ko" | "en" }) {
  const t = useTranslations("metrics");
  const current = rule.current;
  let detail = "";
  if (rule.state === "pending" && current?.activeAt) {
    detail = t("pendingFor", {
      duration: formatDuration(now - Date.parse(current.activeAt), locale),
      forDuration: formatDuration(rule.forMs, locale),
    });
  } else if (rule.state === "firing" && current?.firedAt) {
    detail = t("firingFor", { duration: formatDuration(now - Date.parse(current.firedAt), locale) });
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-xs" data-testid={`rule-state-${rule.name}`} data-state={rule.state}>
      {/* a rule that could not be evaluated is never shown as plain "OK" */}
      {rule.evaluation !== "ok" && rule.state === "inactive" ? null : (
        <span className={`rounded px-1.5 py-0.5 font-semibold ${CHIP[rule.state]}`}>{t(`state.${rule.state}`)}</span>
      )}
      {rule.evaluation !== "ok" && (
        <span
          className="rounded border border-dashed border-slate-500 px-1.5 py-0.5 font-semibold text-slate-800 dark:border-slate-400 dark:text-slate-100"
          title={t(`evaluationHint.${rule.evaluation}`)}
          data-testid={`rule-evaluation-${rule.name}`}
          data-evaluation={rule.evaluation}
        >
          {t(`evaluation.${rule.evaluation}`)}
        </span>
      )}
      {detail && <span className="tabular-nums text-slate-600 dark:text-slate-300">{detail}</span>}
    </span>
  );
}
