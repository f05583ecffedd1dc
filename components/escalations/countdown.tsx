"use client";
import { useFormatter, useTranslations } from "next-intl";
import { describeRemaining } from "@/lib/domain/sla";
import { useNow } from "@/lib/client/use-now";

/**
 * Time left until the next step, counted from the server's figure (`timeLeftMs` at `fetchedAt`), so a
 * test clock or a skewed laptop clock never shows a wrong countdown. Server-rendered with the board's first paint,
 * a second before the browser hydrates: the text may differ by then (allowed, corrected at once by useNow).
 */
export function StepCountdown({ timeLeftMs, fetchedAt, className = "" }: { timeLeftMs: number; fetchedAt: number; className?: string }) {
  const t = useTranslations("escalations");
  const now = useNow();
  const left = timeLeftMs - (now - fetchedAt);
  const soon = left < 5 * 60_000;
  return (
    <span
      data-testid="step-countdown"
      suppressHydrationWarning
      className={`font-semibold tabular-nums ${soon ? "text-orange-700 dark:text-orange-400" : ""} ${className}`}
    >
      {left > 0 ? t("nextIn", { time: describeRemaining(left).text }) : t("dueNow")}
    </span>
  );
}

/** Formats an instant as "14:03" in the user's time zone (Asia/Seoul by default). */
export function useHourMinute(): (iso: string) => string {
  const format = useFormatter();
  return (iso) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

/** "14:03" in the user's time zone (Asia/Seoul by default), the full date on hover. */
export function ClockTime({ iso }: { iso: string }) {
  const format = useFormatter();
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" })} className="tabular-nums">
      {format.dateTime(date, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })}
    </time>
  );
}
