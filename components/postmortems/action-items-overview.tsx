"use client";
// Follow-through across all postmortems: how many action items are open and overdue, and which ones,
// overdue first, so the oldest broken promise is at the top.
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { TitledPanel } from "@/components/ui/panel";
import { toLocale } from "@/lib/i18n/locales";
import { useLiveTopics } from "@/lib/client/use-live";
import { ACTION_ITEM_STATUS_LABELS } from "@/lib/domain/postmortem/action-items";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { DataTable } from "@/components/ui/data-table";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { QueryState } from "@/components/ui/query-state";
import { fetchActionItemOverview, pmKeys } from "./api";
import { ActionItemCells } from "./action-item-cells";

const FILTERS = ["open", "overdue", "all"] as const;

export function ActionItemsOverview() {
  const t = useTranslations("postmortems.overview");
  const locale = toLocale(useLocale());
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("open");
  const query = useQuery({
    queryKey: pmKeys.actionItems(filter),
    queryFn: ({ signal }) => fetchActionItemOverview(filter, signal),
    refetchInterval: 30_000,
  });
  useLiveTopics(["postmortems"], () => [pmKeys.list()]);
  const summary = query.data?.summary;
  return (
    <TitledPanel
      id="overview-heading"
      title={t("title")}
      look="plain"
      className="panel"
      testId="action-items-overview"
      headerClass="flex flex-wrap items-center gap-4 border-b border-slate-200 p-3 dark:border-slate-800"
      aside={
        <>
          {summary && (
            <dl className="flex gap-4 text-sm">
              <div className="flex gap-1">
                <dt className="text-slate-500">{t("open")}</dt>
                <dd className="font-semibold tabular-nums" data-testid="open-count">
                  {summary.open}
                </dd>
              </div>
              <div className="flex gap-1">
                <dt className="text-slate-500">{t("overdue")}</dt>
                <dd
                  className={`font-semibold tabular-nums ${summary.overdue > 0 ? "text-red-600 dark:text-red-400" : ""}`}
                  data-testid="overdue-count"
                >
                  {summary.overdue}
                </dd>
              </div>
              <div className="flex gap-1">
                <dt className="text-slate-500">{t("done")}</dt>
                <dd className="tabular-nums">{summary.done}</dd>
              </div>
            </dl>
          )}
          <FilterTabs
            className="ml-auto flex gap-1 text-sm"
            filters={FILTERS}
            value={filter}
            onChange={setFilter}
            label={(f) => t(`filter.${f}`)}
          />
        </>
      }
    >
      <QueryState
        query={query}
        look="padded"
        words={{ loading: t("loading"), failed: (message) => t("loadError", { message }), retry: t("retry") }}
        empty={{ when: query.data?.items.length === 0, text: t(`empty.${filter}`), testId: "overview-empty" }}
      >
        {({ items }) => (
          <DataTable head={[t("colItem"), t("colOwner"), t("colDue"), t("colHorizon"), t("colStatus"), t("colPostmortem")]}>
            {items.map((i) => (
              <tr
                key={i.id}
                className="border-t border-slate-100 dark:border-slate-800"
                data-testid="overview-item"
                data-overdue={i.overdue}
              >
                <ActionItemCells item={i} cell="px-3 py-2" overdueLabel={t("overdueBadge")} locale={locale} />
                <td className="px-3 py-2">{ACTION_ITEM_STATUS_LABELS[i.status][locale]}</td>
                <td className="px-3 py-2">
                  <SeverityBadge severity={i.postmortem.severity} />{" "}
                  <Link className="text-blue-700 underline dark:text-blue-400" href={`/postmortems/${i.postmortem.id}`}>
                    {i.postmortem.title}
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </TitledPanel>
  );
}
