"use client";
// The live metrics panel: range picker, the alerts that need attention, and a chart per signal.
// Live: both queries refetch every 5 s, and the "alerts" topic (a rule changed state, a drill started)
// refetches at once. Loading and error states say what is happening and what failed.
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { LiveStateDot } from "@/components/ui/live-state";
import { useLiveTopics } from "@/lib/client/use-live";
import { useNow } from "@/lib/client/use-now";
import { fetchAlerts, fetchSeries, keysForTopic, LIVE_REFETCH_MS, metricsKeys, RANGE_OPTIONS, serverNow, type RangeKey } from "./api";
import { AlertList } from "./alert-list";
import { SignalCard } from "./signal-card";
import { formatDuration } from "./format";

export function MetricsPanel({
  initialRange,
  focusSignal,
  locale,
  canDeclare,
}: {
  initialRange: RangeKey;
  focusSignal: string | null;
  locale: "ko" | "en";
  canDeclare: boolean;
}) {
  const t = useTranslations("metrics");
  const [range, setRange] = useState<RangeKey>(initialRange);
  const alerts = useQuery({ queryKey: metricsKeys.alerts, queryFn: ({ signal }) => fetchAlerts(signal), refetchInterval: LIVE_REFETCH_MS });
  const series = useQuery({
    queryKey: metricsKeys.series(range),
    queryFn: ({ signal }) => fetchSeries(range, signal),
    refetchInterval: LIVE_REFETCH_MS,
    placeholderData: (prev) => prev,
  });
  const live = useLiveTopics(["alerts", "drills"], keysForTopic);
  const browserNow = useNow(1000);

  // Keep the URL shareable (?range=…), without a navigation.
  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set("range", range);
    window.history.replaceState(null, "", url);
  }, [range]);

  const now = alerts.data ? serverNow(alerts.data, browserNow) : browserNow;
  const source = alerts.data?.source ?? series.data?.source;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div
          role="group"
          aria-label={t("range.label")}
          className="inline-flex overflow-hidden rounded border border-slate-300 dark:border-slate-700"
        >
          {RANGE_OPTIONS.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={range === r}
              onClick={() => setRange(r)}
              data-testid={`range-${r}`}
              className={`px-3 py-1 text-sm ${range === r ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "bg-white hover:bg-slate-100 dark:bg-slate-900 dark:hover:bg-slate-800"}`}
            >
              {t(`range.${r}`)}
            </button>
          ))}
        </div>
        {source && (
          <span className="text-sm text-slate-600 dark:text-slate-300" data-testid="metrics-source">
            {source.kind === "prometheus" ? t("source.prometheus", { url: source.url ?? "" }) : t("source.simulator")}
          </span>
        )}
        <span className="text-xs text-slate-500">
          {alerts.data?.lastEvaluated ? (
            // against the server's clock: the browser's may differ (and the test clock moves only the server's)
            <time dateTime={alerts.data.lastEvaluated} data-testid="last-evaluated">
              {t("evaluatedAgo", { duration: formatDuration(now - Date.parse(alerts.data.lastEvaluated), locale) })}
            </time>
          ) : alerts.data ? (
            t("notEvaluated")
          ) : null}
        </span>
        <LiveStateDot className="ml-auto" state={live} live={t("live")} reconnecting={t("reconnecting")} testId="metrics-live" />
      </div>

      {alerts.isPending ? (
        <p className="panel p-3 text-sm text-slate-500">{t("alerts.loading")}</p>
      ) : alerts.isError ? (
        <p className="panel p-3 text-sm text-red-600 dark:text-red-400" role="alert" data-testid="alerts-error">
          {t("alerts.loadError", { message: alerts.error.message })}{" "}
          <button type="button" className="underline" onClick={() => void alerts.refetch()}>
            {t("retry")}
          </button>
        </p>
      ) : (
        <AlertList data={alerts.data} now={now} locale={locale} canDeclare={canDeclare} />
      )}

      {series.isPending ? (
        <div className="grid gap-4 lg:grid-cols-2" aria-busy="true" data-testid="metrics-loading">
          {Array.from({ length: 8 }, (_, i) => (
            <div key={i} className="panel h-[236px] animate-pulse p-3">
              <div className="h-4 w-32 rounded bg-slate-200 dark:bg-slate-800" />
              {i === 0 && <p className="mt-3 text-sm text-slate-500">{t("loading")}</p>}
            </div>
          ))}
        </div>
      ) : series.isError ? (
        <div className="panel p-4 text-sm text-red-700 dark:text-red-400" role="alert" data-testid="metrics-error">
          <p className="font-medium">{t("loadError", { message: series.error.message })}</p>
          <p className="mt-1 text-slate-500">{t("loadErrorHint")}</p>
          <button type="button" className="btn mt-2" onClick={() => void series.refetch()}>
            {t("retry")}
          </button>
        </div>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2" data-testid="signal-grid">
          {series.data.signals.map((s) => (
            <SignalCard
              key={s.id}
              signal={s}
              rule={alerts.data?.rules.find((r) => r.signal === s.id)}
              window={{ start: Date.parse(series.data.start), end: Date.parse(series.data.now) }}
              now={now}
              locale={locale}
              focused={focusSignal === s.id}
            />
          ))}
        </div>
      )}
    </div>
  );
}
