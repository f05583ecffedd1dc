"use client";
// One probe: its latest verdict and one-line summary, the previous result beside it (so a re-run shows
// e.g. critical → ok), duration, the raw data on demand, and a "Run" button for those who may run.
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import type { ProbeId, TargetKind } from "@/lib/diagnostics/types";
import { TARGET_ENV } from "@/lib/diagnostics/target-env";
import { builtInValueText, isBuiltInPromData, probeSummaryText } from "@/lib/diagnostics/builtin-summary";
import { toLocale } from "@/lib/i18n/locales";
import { RelativeTime } from "@/components/ui/relative-time";
import { VerdictChip } from "./verdict-chip";
import type { ProbeHistory } from "./use-diagnostics";

interface Props {
  probeId: ProbeId;
  title: string;
  history: ProbeHistory;
  running: boolean;
  /** absent for viewers: they see results only */
  onRun?: () => void;
  compact?: boolean;
  /** the probe's target: with an error, the row says how to fix it (which variable, where in Settings) */
  target?: { kind: TargetKind; configured: boolean };
}

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);

export function ProbeRow({ probeId, title, history, running, onRun, compact = false, target }: Props) {
  const t = useTranslations("diagnostics");
  const locale = toLocale(useLocale());
  const { latest, previous } = history;
  // No Prometheus configured: the built-in simulator answered; the row says so in the reader's language.
  const builtIn = latest && isBuiltInPromData(latest.data);
  const verdict = running ? "running" : (latest?.verdict ?? "none");
  const changed = latest && previous && latest.verdict !== previous.verdict;
  return (
    <div
      data-testid={`probe-${probeId}`}
      data-verdict={latest?.verdict ?? "none"}
      data-running={running ? "true" : "false"}
      className="py-2"
    >
      <div className="flex flex-wrap items-center gap-2">
        <VerdictChip verdict={verdict} testId={`verdict-${probeId}`} />
        <span className="font-medium">{title}</span>
        <code className="text-xs text-slate-500">{probeId}</code>
        <span className="ml-auto flex items-center gap-2 text-xs text-slate-500">
          {latest && !running && (
            <span className="tabular-nums" title={t("duration")}>
              {ms(latest.durationMs)}
            </span>
          )}
          {latest && !running && <RelativeTime iso={latest.startedAt} />}
          {onRun && (
            <button
              type="button"
              className="btn px-2 py-0.5 text-xs"
              onClick={onRun}
              disabled={running}
              data-testid={`run-${probeId}`}
              aria-label={t("runOne", { title })}
            >
              {running ? t("running") : latest ? t("rerun") : t("run")}
            </button>
          )}
        </span>
      </div>
      {latest && !running && (
        <p
          className={`mt-1 break-words text-sm ${latest.verdict === "error" ? "text-slate-700 dark:text-slate-300" : ""}`}
          data-testid={`summary-${probeId}`}
        >
          {latest.verdict === "error" && <span className="font-medium">{t("errorReason")} </span>}
          {builtIn && (
            <span className="mr-1 rounded bg-violet-100 px-1.5 py-0.5 text-xs font-medium text-violet-800 dark:bg-violet-900/40 dark:text-violet-200">
              {t("builtIn.label")}
            </span>
          )}
          {isBuiltInPromData(latest.data) ? builtInValueText(latest.data, locale) : latest.summary}
        </p>
      )}
      {latest && !running && builtIn && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300" data-testid={`builtin-${probeId}`}>
          {t("builtIn.note", { variable: TARGET_ENV.prometheus })}{" "}
          <Link href="/settings#diagnostics-settings" className="text-blue-700 underline dark:text-blue-400">
            {t("fixHint.settings")}
          </Link>
        </p>
      )}
      {latest && !running && latest.verdict === "error" && target && (
        <p
          className="mt-1 text-xs text-slate-600 dark:text-slate-300"
          data-testid={`fix-hint-${probeId}`}
          data-default={target.configured ? undefined : "true"}
        >
          {target.configured
            ? t("fixHint.configured", { variable: TARGET_ENV[target.kind] })
            : t("fixHint.default", { variable: TARGET_ENV[target.kind] })}{" "}
          <Link href="/settings#diagnostics-settings" className="text-blue-700 underline dark:text-blue-400">
            {t("fixHint.settings")}
          </Link>
        </p>
      )}
      {!latest && !running && !compact && <p className="mt-1 text-xs text-slate-500">{t("notRunYet")}</p>}
      {previous && latest && !running && (
        <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500" data-testid={`compare-${probeId}`}>
          <span>{t("previous")}</span>
          <VerdictChip verdict={previous.verdict} small />
          <span aria-hidden>→</span>
          <VerdictChip verdict={latest.verdict} small />
          <span>{changed ? t("changed") : t("unchanged")}</span>
          <span className="truncate" title={probeSummaryText(previous, locale)}>
            · {probeSummaryText(previous, locale)}
          </span>
        </p>
      )}
      {latest && !running && (
        <details className="mt-1 text-xs">
          <summary className="cursor-pointer text-slate-500 hover:text-slate-800 dark:hover:text-slate-200">
            {t("rawData")} · {latest.target} · {latest.actorName}
          </summary>
          <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-100 p-2 font-mono text-[11px] leading-snug dark:bg-slate-950">
            {JSON.stringify(latest.data, null, 2)}
          </pre>
        </details>
      )}
    </div>
  );
}
