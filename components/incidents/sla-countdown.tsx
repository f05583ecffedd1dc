"use client";
import { useTranslations } from "next-intl";
import { describeRemaining } from "@/lib/domain/sla";
import { useNow } from "@/lib/client/use-now";

interface Props {
  /** remainingMs as the server computed it at `fetchedAt` (the server's clock may be a test clock) */
  remainingMs: number;
  fetchedAt: number;
  resolved: boolean;
  startedAt: string;
  resolvedAt: string | null;
  targetAt: string;
  size?: "sm" | "lg";
}

export function SlaCountdown({ remainingMs, fetchedAt, resolved, startedAt, resolvedAt, targetAt, size = "sm" }: Props) {
  const t = useTranslations("sla");
  const now = useNow();
  // The outcome is a sentence, the countdown a figure: only the figure is drawn large.
  const big = size === "lg" ? (resolved ? "text-lg" : "text-2xl") : "text-sm";
  if (resolved && resolvedAt) {
    const minutes = Math.max(0, Math.round((Date.parse(resolvedAt) - Date.parse(startedAt)) / 60_000));
    const met = remainingMs >= 0;
    return (
      <span
        data-testid="sla"
        data-breached={!met}
        className={`${big} tabular-nums ${met ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
      >
        {t("resolvedIn", { minutes })} · {met ? t("met") : t("missed")}
      </span>
    );
  }
  const live = remainingMs - (now - fetchedAt);
  const { text, breached, breachedMinutes, breachedSeconds } = describeRemaining(live);
  return (
    // server-rendered with the first paint a moment before the browser hydrates: the figure (and the target's
    // wording in the server's locale) may differ by then, and useNow corrects it right after mount
    <span
      data-testid="sla"
      data-breached={breached}
      suppressHydrationWarning
      title={t("target", { time: new Date(targetAt).toLocaleString() })}
      className={`${big} font-semibold tabular-nums ${breached ? "text-red-700 dark:text-red-400" : live < 5 * 60_000 ? "text-orange-700 dark:text-orange-400" : ""}`}
    >
      {!breached
        ? t("left", { time: text })
        : breachedSeconds !== undefined
          ? t("breachedSeconds", { seconds: breachedSeconds })
          : t("breached", { minutes: breachedMinutes })}
    </span>
  );
}
