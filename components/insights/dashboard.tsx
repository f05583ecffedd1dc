// The insights page's figures, built on the server from the report (the same object GET /api/v1/insights answers).
import { getTranslations } from "next-intl/server";
import type { InsightsReport } from "@/lib/domain/insights/types";
import type { Locale } from "@/lib/i18n/locales";
import { ChartPanel } from "./chart-panel";
import { minutesOf, percentOf } from "./format";
import { PANELS, type HeadlineId, type PanelSpec } from "./panels";
import { IncidentLinks } from "./incident-links";
import { Info } from "./info";

export async function InsightsDashboard({ report, locale }: { report: InsightsReport; locale: Locale }) {
  const t = await getTranslations("insights");
  const totals = report.totals;
  const min = (ms: number | null) => (ms === null ? "–" : `${minutesOf(ms)}${t("panel.min")}`);

  const median = (id: "mtta" | "mttr") => {
    const m = totals[id];
    return { id, value: min(m.medianMs), ids: m.incidentIds, n: m.n };
  };
  const share = totals.target.share;
  const headline: { id: HeadlineId; value: string; ids: number[]; n: number }[] = [
    { id: "count", value: String(totals.count), ids: totals.incidentIds, n: totals.count },
    median("mtta"),
    median("mttr"),
    { id: "target", value: share === null ? "–" : `${percentOf(share)}%`, ids: totals.target.missedIds, n: totals.target.missed },
  ];
  const panel = (spec: PanelSpec) => (
    <ChartPanel
      key={spec.id}
      id={spec.id}
      title={t(`${spec.messages}.title`, { days: report.postmortems.withinDays })}
      definition={
        spec.definitions
          ? spec.definitions.map((d) => t(`def.${d}`)).join(" ")
          : t(`${spec.messages}.def`, { days: report.postmortems.withinDays })
      }
      columns={spec.columns(t)}
      rows={spec.rows(report, t, locale)}
      chart={spec.chart}
    />
  );

  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {headline.map((h) => (
          <div key={h.id} className="panel p-3" data-testid={`insights-headline-${h.id}`}>
            <dt className="text-xs text-slate-500">
              {t(`headline.${h.id}`)}
              <Info text={t(`def.${h.id}`)} />
            </dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`insights-value-${h.id}`}>
              {h.value}
            </dd>
            <dd className="text-xs">
              <IncidentLinks ids={h.ids} total={h.n} label={t("panel.incidents")} />
            </dd>
          </div>
        ))}
      </dl>

      {PANELS.filter((p) => p.wide).map(panel)}
      <div className="grid gap-4 lg:grid-cols-2">{PANELS.filter((p) => !p.wide).map(panel)}</div>
    </div>
  );
}
