import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle, TITLE_ROW } from "@/components/layout/page-title";
import { toLocale } from "@/lib/i18n/locales";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { AppError } from "@/lib/server/errors";
import { getInsights, insightsTimeZone } from "@/lib/server/insights/service";
import { insightsQueryInput } from "@/lib/domain/insights/query";
import { localDate } from "@/lib/domain/insights/weeks";
import { Forbidden } from "@/components/layout/forbidden";
import { InsightsFilters } from "@/components/insights/filters";
import { listComponents } from "@/lib/server/status/components";
import { InsightsDashboard } from "@/components/insights/dashboard";
import type { InsightsReport } from "@/lib/domain/insights/types";

export const metadata = { title: "Insights" };

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  if (!can(actor.role, "insights.view")) return <Forbidden permission="insights.view" what={t("insights.title")} />;
  const locale = toLocale(await getLocale());
  const raw = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" && v !== "" ? [[k, v]] : [])),
  );
  const parsed = insightsQueryInput.safeParse(raw);
  let report: InsightsReport | null = null;
  let error: string | null = null;
  try {
    report = await getInsights(actor, parsed.success ? parsed.data : {}, locale);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    error = e.message;
  }
  const timeZone = report?.timeZone ?? (await insightsTimeZone());
  // A date range shown as the days it covers: "to" is exclusive, so the last day is the one before it.
  const values = {
    from: report ? localDate(new Date(report.from), timeZone) : String(raw.from ?? ""),
    to: report ? localDate(new Date(new Date(report.to).getTime() - 1), timeZone) : String(raw.to ?? ""),
    severity: typeof raw.severity === "string" ? raw.severity : "",
    scenario: typeof raw.scenario === "string" ? raw.scenario : "",
    component: typeof raw.component === "string" ? raw.component : "",
    drills: raw.drills === "include",
    days: parsed.success && parsed.data.days ? parsed.data.days : 5,
  };
  return (
    <div className="space-y-4">
      <PageTitle className={TITLE_ROW} title={t("insights.title")} intro={t("insights.subtitle", { zone: timeZone })} />
      <InsightsFilters values={values} locale={locale} components={await listComponents()} />
      {error && (
        <p role="alert" className="panel p-3 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {report && <InsightsDashboard report={report} locale={locale} />}
    </div>
  );
}
