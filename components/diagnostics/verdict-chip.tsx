"use client";
import { useTranslations } from "next-intl";
import type { Verdict } from "@/lib/diagnostics/types";

// ok green, warning amber, critical red, error slate: the same on every diagnostics surface.
export const VERDICT_STYLE: Record<Verdict | "running" | "none", string> = {
  ok: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-200",
  critical: "border-red-400 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200",
  error: "border-slate-400 bg-slate-100 text-slate-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200",
  running: "border-blue-300 bg-blue-50 text-blue-900 animate-pulse dark:border-blue-800 dark:bg-blue-950/50 dark:text-blue-200",
  none: "border-dashed border-slate-300 text-slate-500 dark:border-slate-700 dark:text-slate-400",
};

const DOT: Record<Verdict | "running" | "none", string> = {
  ok: "bg-emerald-500",
  warning: "bg-amber-500",
  critical: "bg-red-600",
  error: "bg-slate-500",
  running: "bg-blue-500",
  none: "bg-slate-300",
};

export function VerdictChip({
  verdict,
  small = false,
  testId,
}: {
  verdict: Verdict | "running" | "none";
  small?: boolean;
  testId?: string;
}) {
  const t = useTranslations("diagnostics.verdict");
  return (
    <span
      data-testid={testId}
      data-verdict={verdict}
      className={`inline-flex shrink-0 items-center gap-1 rounded border font-semibold ${small ? "px-1 text-[11px]" : "px-1.5 py-0.5 text-xs"} ${VERDICT_STYLE[verdict]}`}
    >
      <span className={`h-1.5 w-1.5 rounded-full ${DOT[verdict]}`} aria-hidden />
      {t(verdict)}
    </span>
  );
}
