"use client";
import Link from "next/link";
import { useState } from "react";
import { usePagedQuery } from "@/lib/client/use-paged-query";
import { useTranslations } from "next-intl";
import { fetchIncidents, queryKeys } from "@/lib/client/api";
import { useLiveTopics } from "@/lib/client/use-live";
import { SeverityBadge } from "./severity-badge";
import { SlaCountdown } from "./sla-countdown";
import { RelativeTime } from "@/components/ui/relative-time";
import { DataTable, LoadMore } from "@/components/ui/data-table";
import { FilterTabs } from "@/components/ui/filter-tabs";
import { QueryState, STATE_LOOKS } from "@/components/ui/query-state";

const FILTERS = ["open", "resolved", "all"] as const;
const LIST_LOOK = { ...STATE_LOOKS.padded, className: "p-4 text-sm", errorRole: "status" } as const;

export function IncidentList() {
  const t = useTranslations();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("all");
  // Page by page in the list's order; later pages on demand, so nothing is ever cut silently.
  const query = usePagedQuery({
    queryKey: queryKeys.incidentPages(filter),
    page: (cursor, signal) => fetchIncidents(filter, signal, cursor),
    refetchInterval: 10_000,
    // the page's first paint carries the first page (lib/server/first-paint.ts, same default filter); one refetch
    // on mount covers what changed between that render and the live stream's connection
    refetchOnMount: "always",
  });
  const rows = query.data?.pages.flatMap((page) => page.items.map((incident) => ({ incident, fetchedAt: page.fetchedAt }))) ?? [];
  useLiveTopics(["incidents"], () => [queryKeys.allIncidents]);
  const words = {
    loading: t("common.loading"),
    failed: (message: string) => t("incidents.loadError", { message }),
    retry: t("common.retry"),
  };
  const emptyText = filter === "all" ? t("incidents.emptyAll") : t("incidents.empty");

  return (
    <section className="panel">
      <FilterTabs
        className="flex gap-1 border-b border-slate-200 p-2 text-sm dark:border-slate-800"
        filters={FILTERS}
        value={filter}
        onChange={setFilter}
        label={(f) => t(`incidents.${f}`)}
      />
      <QueryState
        query={query}
        look={LIST_LOOK}
        words={words}
        empty={{ when: rows.length === 0, text: emptyText, testId: "incidents-empty" }}
      >
        {() => (
          <DataTable
            testId="incident-table"
            head={[
              t("incidents.colSeverity"),
              t("incidents.colTitle"),
              { label: t("incidents.colStatus"), className: "whitespace-nowrap" },
              { label: t("incidents.colTimeLeft"), className: "whitespace-nowrap" },
              { label: t("incidents.colCommander"), className: "hidden sm:table-cell" },
              { label: t("incidents.colStarted"), className: "hidden sm:table-cell" },
            ]}
            footer={
              <LoadMore query={query} label={t("common.loadMore")} busyLabel={t("common.loading")} testId="incidents-more">
                <span className="mr-2 text-xs text-slate-500">{t("common.shownMore", { count: rows.length })}</span>
              </LoadMore>
            }
          >
            {rows.map(({ incident, fetchedAt }) => (
              <tr
                key={incident.id}
                data-testid={`incident-row-${incident.id}`}
                className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50"
              >
                <td className="px-3 py-2">
                  <SeverityBadge severity={incident.severity} />
                </td>
                <td className="min-w-40 break-words px-3 py-2">
                  <Link href={`/incidents/${incident.id}`} className="font-medium hover:underline">
                    <span className="text-slate-400">#{incident.id}</span> {incident.title}
                  </Link>
                  {incident.isDrill && (
                    <span className="ml-2 rounded bg-violet-100 px-1 text-xs text-violet-800">{t("incidents.drill")}</span>
                  )}
                </td>
                {/* Korean breaks between any two syllables: keep the status and the countdown on one line. */}
                <td className="whitespace-nowrap px-3 py-2">
                  <span data-testid="incident-status">{t(`status.${incident.status}`)}</span>
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  <SlaCountdown
                    remainingMs={incident.sla.remainingMs}
                    fetchedAt={fetchedAt}
                    resolved={incident.status === "resolved"}
                    startedAt={incident.startedAt}
                    resolvedAt={incident.resolvedAt}
                    targetAt={incident.sla.targetAt}
                  />
                </td>
                <td className="hidden px-3 py-2 sm:table-cell">
                  {incident.commander?.name ?? <span className="text-slate-400">{t("incidents.unassigned")}</span>}
                </td>
                <td className="hidden whitespace-nowrap px-3 py-2 sm:table-cell">
                  <RelativeTime iso={incident.startedAt} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}
