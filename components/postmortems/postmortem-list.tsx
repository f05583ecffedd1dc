"use client";
// Every postmortem with its workflow status and follow-through, and the resolved incidents that still
// have none (a report nobody started is the easiest one to forget).
import Link from "next/link";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { fetchIncidentsWithoutPostmortem, fetchPostmortems, pmKeys } from "./api";
import { StatusBadge } from "./status-badge";
import { WritePostmortemButton } from "./write-button";
import { queryKeys } from "@/lib/client/query-keys";

export function PostmortemList({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("postmortems.list");
  const list = useInfiniteQuery({
    queryKey: pmKeys.list(),
    queryFn: ({ pageParam, signal }) => fetchPostmortems(signal, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
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

  return (
    <div className="space-y-4">
      <section className="panel" aria-labelledby="list-heading">
        <h2 id="list-heading" className="border-b border-slate-200 p-3 font-semibold dark:border-slate-800">
          {t("title")}
        </h2>
        {list.isPending ? (
          <p className="p-3 text-sm text-slate-500">{t("loading")}</p>
        ) : list.isError ? (
          <p className="p-3 text-sm text-red-600" role="alert">
            {t("loadError", { message: list.error.message })}{" "}
            <button className="underline" onClick={() => list.refetch()}>
              {t("retry")}
            </button>
          </p>
        ) : items.length === 0 ? (
          <p className="p-3 text-sm text-slate-500" data-testid="postmortems-empty">
            {t("empty")}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="postmortem-table">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-3 py-2">{t("colSeverity")}</th>
                  <th className="px-3 py-2">{t("colTitle")}</th>
                  <th className="px-3 py-2">{t("colStatus")}</th>
                  <th className="px-3 py-2">{t("colActions")}</th>
                  <th className="px-3 py-2">{t("colUpdated")}</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
            {list.hasNextPage && (
              <div className="border-t border-slate-100 p-2 text-center dark:border-slate-800">
                <button
                  className="btn"
                  onClick={() => void list.fetchNextPage()}
                  disabled={list.isFetchingNextPage}
                  data-testid="postmortems-more"
                >
                  {list.isFetchingNextPage ? t("loading") : t("loadMore")}
                </button>
              </div>
            )}
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading" className="border-b border-slate-200 p-3 font-semibold dark:border-slate-800">
          {t("waitingTitle")}
        </h2>
        {resolved.isError ? (
          <p className="p-3 text-sm text-red-600" role="alert">
            {t("loadError", { message: resolved.error.message })}
          </p>
        ) : resolved.isPending || list.isPending ? (
          <p className="p-3 text-sm text-slate-500">{t("loading")}</p>
        ) : waiting.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">{t("waitingEmpty")}</p>
        ) : (
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
      </section>
    </div>
  );
}
