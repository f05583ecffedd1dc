"use client";
// The incident room's metrics strip: sparklines (last hour, thresholds drawn) of the signals that
// matter for this incident — the rules that opened or joined it (from its timeline), the rules its
// scenario trips, and whatever fires right now — with a link to the full chart.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { fetchTimelineKinds, queryKeys } from "@/lib/client/api";
import { useNow } from "@/lib/client/use-now";
import { formatSignalValue } from "@/lib/domain/alert-rules";
import { rulesFromTimeline, signalsForIncident } from "@/lib/domain/scenario-signals";
import type { RoomSlotProps } from "@/components/incidents/room-slot-props";
import { fetchAlerts, fetchSeries, LIVE_REFETCH_MS, metricsKeys, serverNow } from "./api";
import { RuleStateChip } from "./rule-state";
import { SignalChart } from "./signal-chart";
import { shadesOf } from "./signal-card";
import { QueryState, STATE_LOOKS } from "@/components/ui/query-state";

const MAX_SIGNALS = 4;
const STRIP_LOOK = { ...STATE_LOOKS.plain, errorClass: "text-red-600 dark:text-red-400" };

/** No signal matters to this incident yet: say so, with the way to all of them. */
function NoSignals() {
  const t = useTranslations("metrics");
  return (
    <>
      {t("room.none")}{" "}
      <Link href="/metrics" className="text-blue-700 underline dark:text-blue-400">
        {t("room.allSignals")}
      </Link>
    </>
  );
}

export function MetricsRoomStrip({ incident, locale }: RoomSlotProps) {
  const t = useTranslations("metrics");
  const timeline = useQuery({
    queryKey: queryKeys.timelineAlerts(incident.id),
    queryFn: ({ signal }) => fetchTimelineKinds(incident.id, ["alert", "alert-resolved"], signal),
    refetchInterval: 15_000,
  });
  const alerts = useQuery({ queryKey: metricsKeys.alerts, queryFn: ({ signal }) => fetchAlerts(signal), refetchInterval: LIVE_REFETCH_MS });
  const series = useQuery({
    queryKey: metricsKeys.series("1h"),
    queryFn: ({ signal }) => fetchSeries("1h", signal),
    refetchInterval: LIVE_REFETCH_MS,
  });
  const browserNow = useNow(1000);

  const fromAlerts = rulesFromTimeline(timeline.data);
  const firing = (alerts.data?.rules ?? []).filter((r) => r.state === "firing").map((r) => r.name);
  const shown = signalsForIncident({ alertRules: fromAlerts, scenario: incident.scenario, firing }, MAX_SIGNALS);

  return (
    <section className="panel p-3" aria-labelledby="metrics-strip-heading" data-testid="metrics-room-strip">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="metrics-strip-heading" className="flex flex-wrap items-center gap-2 text-sm font-semibold uppercase text-slate-500">
          {t("room.title")}
          {/* The embedded simulator is not the shop: say so on every incident, real or drill. */}
          {series.data?.source.kind === "simulator" && (
            <span
              className="rounded bg-violet-100 px-1.5 py-0.5 text-xs font-medium normal-case text-violet-800 dark:bg-violet-900/40 dark:text-violet-200"
              title={t("room.simulatedHelp")}
              data-testid="strip-simulated"
            >
              {t("room.simulated")}
            </span>
          )}
        </h2>
        {fromAlerts.length > 0 && (
          <span className="text-xs text-slate-600 dark:text-slate-300" data-testid="strip-origin">
            {t("room.fromAlert", { rules: [...new Set(fromAlerts)].join(", ") })}
          </span>
        )}
      </div>
      {series.data?.source.kind === "simulator" && shown.length > 0 && (
        <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">{t("room.simulatedHelp")}</p>
      )}
      <QueryState
        query={series}
        look={STRIP_LOOK}
        words={{ loading: t("loading"), failed: (message) => t("loadError", { message }) }}
        empty={{ when: shown.length === 0, text: <NoSignals />, testId: "strip-empty" }}
      >
        {(data) => (
          <div className="grid gap-3 sm:grid-cols-2">
            {shown.map((id) => {
              const s = data.signals.find((x) => x.id === id);
              const rule = alerts.data?.rules.find((r) => r.signal === id);
              if (!s) return null;
              const now = alerts.data ? serverNow(alerts.data, browserNow) : browserNow;
              const value = rule?.current?.value ?? s.current;
              return (
                <div key={id} className="min-w-0" data-testid={`strip-${id}`}>
                  <div className="flex items-baseline justify-between gap-2 text-sm">
                    <Link href={`/metrics?signal=${id}&range=1h#signal-${id}`} className="truncate font-medium hover:underline">
                      {s.label[locale]}
                    </Link>
                    <span className="tabular-nums">
                      {value === null || value === undefined ? t("noData") : formatSignalValue(value, s.unit)}
                    </span>
                  </div>
                  <div className="text-slate-500">
                    {s.error ? (
                      <p className="text-xs text-red-600">{s.error}</p>
                    ) : (
                      <SignalChart
                        signal={s}
                        window={{ start: Date.parse(data.start), end: Date.parse(data.now) }}
                        locale={locale}
                        height={56}
                        compact
                        shades={shadesOf(rule)}
                      />
                    )}
                  </div>
                  {rule && <RuleStateChip rule={rule} now={now} locale={locale} />}
                </div>
              );
            })}
          </div>
        )}
      </QueryState>
    </section>
  );
}
