// The page's filters as a plain GET form: the URL holds the whole query, so a view can be bookmarked and shared,
// and it is the same query string GET /api/v1/insights takes.
import { getTranslations } from "next-intl/server";
import { SCENARIOS } from "@/lib/domain/scenarios";
import { SEVERITIES } from "@/lib/domain/severity";
import type { Locale } from "@/lib/i18n/locales";
import { Options } from "@/components/ui/field";

export interface FilterValues {
  from: string;
  to: string;
  severity: string;
  scenario: string;
  component: string;
  drills: boolean;
  days: number;
}

/** A status page component to filter by (its slug) with its name in both languages. */
export interface ComponentOption {
  slug: string;
  nameKo: string;
  nameEn: string;
}

export async function InsightsFilters({
  values,
  locale,
  components,
}: {
  values: FilterValues;
  locale: Locale;
  components: ComponentOption[];
}) {
  const t = await getTranslations("insights.filters");
  const field = "flex flex-col gap-0.5 text-xs";
  const input = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";
  return (
    <form method="get" className="panel flex flex-wrap items-end gap-3 p-3" aria-label={t("label")}>
      <label className={field}>
        {t("from")}
        <input type="date" name="from" defaultValue={values.from} className={input} required />
      </label>
      <label className={field}>
        {t("to")}
        <input type="date" name="to" defaultValue={values.to} className={input} required />
      </label>
      <label className={field}>
        {t("severity")}
        <select name="severity" defaultValue={values.severity} className={input}>
          <option value="">{t("allSeverities")}</option>
          <Options items={SEVERITIES} label={(s) => s} />
        </select>
      </label>
      <label className={field}>
        {t("scenario")}
        <select name="scenario" defaultValue={values.scenario} className={`${input} max-w-[16rem]`}>
          <option value="">{t("allScenarios")}</option>
          <Options items={SCENARIOS} value={(s) => s.slug} label={(s) => s.title[locale]} />
        </select>
      </label>
      <label className={field}>
        {t("component")}
        <select name="component" defaultValue={values.component} className={input}>
          <option value="">{t("allComponents")}</option>
          <Options items={components} value={(c) => c.slug} label={(c) => (locale === "en" ? c.nameEn : c.nameKo)} />
        </select>
      </label>
      <label className={field}>
        {t("days")}
        <input type="number" name="days" min={1} max={90} defaultValue={values.days} className={`${input} w-20`} />
      </label>
      <label className="flex items-center gap-1.5 pb-1.5 text-sm">
        <input type="checkbox" name="drills" value="include" defaultChecked={values.drills} />
        {t("drills")}
      </label>
      <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white dark:bg-slate-100 dark:text-slate-900">
        {t("apply")}
      </button>
    </form>
  );
}
