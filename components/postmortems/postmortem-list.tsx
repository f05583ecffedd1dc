"use client";
// Every postmortem with its workflow status and follow-through, and the resolved incidents that still
// have none (a report nobody started is the easiest one to forget).
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { usePagedQuery } from "@/lib/client/use-paged-query";
import { useTranslations } from "next-intl";
import { TitledPanel } from "@/components/ui/panel";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { QueryState } from "@/components/ui/query-state";
import { DataTable, LoadMore } from "@/components/ui/data-table";
import { fetchIncidentsWithoutPostmortem, fetchPostmortems, pmKeys } from "./api";
import { StatusBadge } from "./status-badge";
import { WritePostmortemButton } from "./write-button";
import { queryKeys } from "@/lib/client/query-keys";

export function PostmortemList({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("postmortems.list");
  const list = usePagedQuery({
    queryKey: pmKeys.list(),
    page: (cursor, signal) => fetchPostmortems(signal, cursor),
    refetchInterval: 30_000,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // the server filters (resolved, no postmortem yet): the newest 20 of them, however many reports exist
  const resolved = useQuery({
    queryKey: queryKeys.incidents("resolved-without-postmortem"),
    queryFn: ({ signal }) => fetchIncidentsWithoutPostmortem(signal),
    refetchInterval: 30_000,
  });
  const waiting = resolved.data?.items ?? [];
  // which incidents still wait depends on the reports too: "loading" until both lists have come
  const waitingQuery = {
    isPending: !resolved.isError && (resolved.isPending || list.isPending),
    isError: resolved.isError,
    error: resolved.error,
    data: resolved.data,
    refetch: resolved.refetch,
  };

  return (
    <div className="space-y-4">
      <TitledPanel id="list-heading" title={t("title")} look="bordered" className="panel">
        <QueryState
          query={list}
          look="padded"
          words={{ loading: t("loading"), failed: (message) => t("loadError", { message }), retry: t("retry") }}
          empty={{ when: items.length === 0, text: t("empty"), testId: "postmortems-empty" }}
        >
          {() => (
            <DataTable
              testId="postmortem-table"
              head={[t("colSeverity"), t("colTitle"), t("colStatus"), t("colActions"), t("colUpdated")]}
              footer={<LoadMore query={list} label={t("loadMore")} busyLabel={t("loading")} testId="postmortems-more" />}
            >
              {items.map((p) => (
                <tr
                  key={p.id}
                  className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50"
                  data-testid={`postmortem-row-${p.id}`}
                >
                  <td className="px-3 py-2">
                    <SeverityBadge severity={p.incident.severity} />
                  </td>
                  <td className="px-3 py-2">
                    <Link className="font-medium text-blue-700 underline dark:text-blue-400" href={`/postmortems/${p.id}`}>
                      {p.title}
                    </Link>
                    <span className="ml-2 text-xs text-slate-500">#{p.incident.id}</span>
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={p.status} />
                  </td>
                  <td className="px-3 py-2 tabular-nums">
                    {t("actionsSummary", { open: p.actionItems.open, total: p.actionItems.total })}
                    {p.actionItems.overdue > 0 && (
                      <span className="ml-1 rounded bg-red-100 px-1 text-xs text-red-800 dark:bg-red-950 dark:text-red-300">
                        {t("overdue", { count: p.actionItems.overdue })}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-500">
                    {p.updatedByName} · <RelativeTime iso={p.updatedAt} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      </TitledPanel>

      <TitledPanel id="waiting-heading" title={t("waitingTitle")} look="bordered" className="panel">
        <QueryState
          query={waitingQuery}
          look="padded"
          words={{ loading: t("loading"), failed: (message) => t("loadError", { message }) }}
          empty={{ when: waiting.length === 0, text: t("waitingEmpty") }}
        >
          {() => (
            <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
              {waiting.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center gap-3 px-3 py-2" data-testid={`waiting-${i.id}`}>
                  <SeverityBadge severity={i.severity} />
                  <Link className="text-blue-700 underline dark:text-blue-400" href={`/incidents/${i.id}`}>
                    #{i.id} {i.title}
                  </Link>
                  {i.resolvedAt && (
                    <span className="text-xs text-slate-500">
                      {t("resolved")} <RelativeTime iso={i.resolvedAt} />
                    </span>
                  )}
                  {canEdit && (
                    <span className="ml-auto">
                      <WritePostmortemButton incidentId={i.id} className="btn" />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </TitledPanel>
    </div>
  );
}
