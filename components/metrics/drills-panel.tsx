"use client";
// Drills: start one (commanders, admins), follow the running one, and read the results — how long the
// team took to acknowledge, diagnose and mitigate against the severity's target.
import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { TitledPanel } from "@/components/ui/panel";
import { SCENARIOS } from "@/lib/domain/scenarios";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { useNow } from "@/lib/client/use-now";
import { endDrill, fetchAlerts, fetchDrills, LIVE_REFETCH_MS, metricsKeys, serverNow, startDrill, type DrillDto } from "./api";
import { formatDuration } from "./format";
import { QueryState } from "@/components/ui/query-state";
import { ErrorNote, Options } from "@/components/ui/field";
import { onSubmitRun } from "@/lib/client/forms";

function Timing({ label, ms, locale }: { label: string; ms: number | null; locale: "ko" | "en" }) {
  return (
    <span className="whitespace-nowrap">
      <span className="text-slate-500">{label}</span> <span className="tabular-nums">{ms === null ? "—" : formatDuration(ms, locale)}</span>
    </span>
  );
}

function DrillResult({ drill, locale }: { drill: DrillDto; locale: "ko" | "en" }) {
  const t = useTranslations("metrics.drills");
  const d = drill.timings;
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid={`drill-timings-${drill.id}`}>
      <Timing label={t("detect")} ms={d.detectMs} locale={locale} />
      <Timing label={t("acknowledge")} ms={d.acknowledgeMs} locale={locale} />
      <Timing label={t("diagnose")} ms={d.diagnoseMs} locale={locale} />
      <Timing label={t("mitigate")} ms={d.mitigateMs} locale={locale} />
      {d.targetMs !== null && (
        <span
          className={
            d.withinTarget === false ? "text-red-600" : d.withinTarget ? "text-emerald-700 dark:text-emerald-400" : "text-slate-500"
          }
        >
          {t("target", { target: formatDuration(d.targetMs, locale) })}
          {d.withinTarget === true ? ` · ${t("met")}` : d.withinTarget === false ? ` · ${t("missed")}` : ""}
        </span>
      )}
    </div>
  );
}

export function DrillsPanel({ canDrill, locale }: { canDrill: boolean; locale: "ko" | "en" }) {
  const t = useTranslations("metrics.drills");
  const client = useQueryClient();
  const [scenario, setScenario] = useState<string>("connection-pool-exhaustion");
  const drills = useQuery({ queryKey: metricsKeys.drills, queryFn: ({ signal }) => fetchDrills(signal), refetchInterval: LIVE_REFETCH_MS });
  // Times are shown against the server's clock (shared with the panel's alerts query).
  const alerts = useQuery({ queryKey: metricsKeys.alerts, queryFn: ({ signal }) => fetchAlerts(signal), refetchInterval: LIVE_REFETCH_MS });
  const browserNow = useNow(1000);
  const now = alerts.data ? serverNow(alerts.data, browserNow) : browserNow;
  const ago = (iso: string) => formatDuration(now - Date.parse(iso), locale);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: metricsKeys.drills });
    void client.invalidateQueries({ queryKey: metricsKeys.alerts });
  };
  const start = useMutation({ mutationFn: () => startDrill(scenario), onSuccess: refresh });
  const end = useMutation({ mutationFn: (id: string) => endDrill(id), onSuccess: refresh });
  const active = drills.data?.find((d) => d.endedAt === null) ?? null;
  const ended = drills.data?.filter((d) => d.endedAt !== null) ?? [];
  const title = (d: DrillDto) => d.scenarioTitle?.[locale] ?? d.scenario;

  return (
    <TitledPanel
      id="drills-heading"
      title={t("title")}
      look="plain"
      className="panel space-y-3 p-4"
      testId="drills-panel"
      headerClass="flex flex-wrap items-center justify-between gap-2"
      aside={<p className="text-xs text-slate-500">{t("explain")}</p>}
    >
      {canDrill && !active && (
        <form className="flex flex-wrap items-end gap-2" onSubmit={onSubmitRun(() => start.mutate())}>
          <label className="text-sm">
            <span className="mb-1 block text-xs text-slate-500">{t("scenario")}</span>
            <select className="input w-auto" value={scenario} onChange={(e) => setScenario(e.target.value)} data-testid="drill-scenario">
              <Options items={SCENARIOS} value={(s) => s.slug} label={(s) => `${s.section} · ${s.title[locale]}`} />
            </select>
          </label>
          <button type="submit" className="btn-primary" disabled={start.isPending} data-testid="drill-start">
            {start.isPending ? t("starting") : t("start")}
          </button>
          <ErrorNote error={start.error} className="w-full" />
        </form>
      )}

      {active && (
        <div
          className="rounded border border-violet-300 bg-violet-50 p-3 text-sm dark:border-violet-800 dark:bg-violet-950/40"
          data-testid="drill-active"
        >
          <div className="flex flex-wrap items-center gap-2">
            <span className="rounded bg-violet-600 px-1.5 text-xs font-semibold text-white">{t("running")}</span>
            <strong>{title(active)}</strong>
            <span className="text-slate-500">· {t("startedBy", { name: active.startedByName, duration: ago(active.startedAt) })}</span>
            {canDrill && (
              <button
                type="button"
                className="btn ml-auto"
                disabled={end.isPending}
                onClick={() => end.mutate(active.id)}
                data-testid="drill-end"
              >
                {t("end")}
              </button>
            )}
          </div>
          <p className="mt-1 text-slate-600 dark:text-slate-300">{t("expected", { rules: active.expectedRules.join(", ") })}</p>
          {active.incident ? (
            <p className="mt-1">
              <SeverityBadge severity={active.incident.severity} />{" "}
              <Link className="text-blue-700 underline dark:text-blue-400" href={`/incidents/${active.incident.id}`}>
                #{active.incident.id} {active.incident.title}
              </Link>
            </p>
          ) : (
            <p className="mt-1 text-slate-500">{t("waiting")}</p>
          )}
          <div className="mt-2">
            <DrillResult drill={active} locale={locale} />
          </div>
          <ErrorNote error={end.error} />
        </div>
      )}

      <QueryState
        query={drills}
        words={{ loading: t("loading"), failed: (message) => t("loadError", { message }) }}
        empty={{ when: ended.length === 0, text: t("empty"), testId: "drills-empty" }}
      >
        {() => (
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="drill-history">
            {ended.map((d) => (
              <li key={d.id} className="space-y-1 py-2">
                <p>
                  <strong>{title(d)}</strong>{" "}
                  <span className="text-slate-500" title={d.startedAt}>
                    · {d.startedByName} · {t("ago", { duration: ago(d.startedAt) })}
                  </span>
                  {d.incident && (
                    <>
                      {" · "}
                      <Link className="text-blue-700 underline dark:text-blue-400" href={`/incidents/${d.incident.id}`}>
                        #{d.incident.id}
                      </Link>{" "}
                      <SeverityBadge severity={d.incident.severity} />
                    </>
                  )}
                </p>
                <DrillResult drill={d} locale={locale} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </TitledPanel>
  );
}
