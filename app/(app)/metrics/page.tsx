import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle, TITLE_ROW } from "@/components/layout/page-title";
import { toLocale } from "@/lib/i18n/locales";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { isSignalId } from "@/lib/domain/alert-rules";
import { MetricsPanel } from "@/components/metrics/metrics-panel";
import { DrillsPanel } from "@/components/metrics/drills-panel";
import { isRangeOption } from "@/components/metrics/ranges";

export const metadata = { title: "Metrics" };

export default async function MetricsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations("metrics");
  const locale = toLocale(await getLocale());
  const params = await searchParams;
  const range = isRangeOption(params.range) ? params.range : "1h";
  const signal = typeof params.signal === "string" && isSignalId(params.signal) ? params.signal : null;
  return (
    <div className="space-y-4">
      <PageTitle className={TITLE_ROW} title={t("title")} intro={t("subtitle")} />
      <MetricsPanel initialRange={range} focusSignal={signal} locale={locale} canDeclare={can(actor.role, "incident.declare")} />
      <DrillsPanel canDrill={can(actor.role, "drill.start")} locale={locale} />
    </div>
  );
}
