"use client";
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { fetchIncidents, queryKeys } from "@/lib/client/api";
import { useLiveTopics } from "@/lib/client/use-live";
import { SeverityBadge } from "./severity-badge";
import { SlaCountdown } from "./sla-countdown";
import { RelativeTime } from "@/components/ui/relative-time";

const FILTERS = ["open", "resolved", "all"] as const;

export function IncidentList() {
  const t = useTranslations();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("all");
  const query = useQuery({
    queryKey: queryKeys.incidents(filter),
    queryFn: ({ signal }) => fetchIncidents(filter, signal),
    refetchInterval: 10_000,
  });
  useLiveTopics(["incidents"], () => [["incidents"]]);

  return (
    <section className="panel">
      <div className="flex gap-1 border-b border-slate-200 p-2 text-sm dark:border-slate-800" role="tablist">
        {FILTERS.map((f) => (
          <button key={f} role="tab" aria-selected={filter === f} onClick={() => setFilter(f)}
            className={`rounded px-2 py-1 ${filter === f ? "bg-slate-200 font-medium dark:bg-slate-700" : "text-slate-600 dark:text-slate-300"}`}>
            {t(`incidents.${f}`)}
          </button>
        ))}
      </div>
      {query.isPending ? (
        <p className="p-4 text-sm text-slate-500">{t("common.loading")}</p>
      ) : query.isError ? (
        <p className="p-4 text-sm text-red-600" role="status">
          {t("incidents.loadError", { message: query.error.message })}{" "}
          <button className="underline" onClick={() => query.refetch()}>{t("common.retry")}</button>
        </p>
      ) : query.data.items.length === 0 ? (
        <p className="p-4 text-sm text-slate-500" data-testid="incidents-empty">{filter === "all" ? t("incidents.emptyAll") : t("incidents.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="incident-table">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">{t("incidents.colSeverity")}</th>
                <th className="px-3 py-2">{t("incidents.colTitle")}</th>
                <th className="px-3 py-2">{t("incidents.colStatus")}</th>
                <th className="px-3 py-2">{t("incidents.colTimeLeft")}</th>
                <th className="px-3 py-2">{t("incidents.colCommander")}</th>
                <th className="px-3 py-2">{t("incidents.colStarted")}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.items.map((incident) => (
                <tr key={incident.id} data-testid={`incident-row-${incident.id}`} className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50">
                  <td className="px-3 py-2"><SeverityBadge severity={incident.severity} /></td>
                  <td className="px-3 py-2">
                    <Link href={`/incidents/${incident.id}`} className="font-medium hover:underline">
                      <span className="text-slate-400">#{incident.id}</span> {incident.title}
                    </Link>
                    {incident.isDrill && <span className="ml-2 rounded bg-violet-100 px-1 text-xs text-violet-800">{t("incidents.drill")}</span>}
                  </td>
                  <td className="px-3 py-2" data-testid="incident-status">{t(`status.${incident.status}`)}</td>
                  <td className="px-3 py-2">
                    <SlaCountdown remainingMs={incident.sla.remainingMs} fetchedAt={query.data.fetchedAt} resolved={incident.status === "resolved"}
                      startedAt={incident.startedAt} resolvedAt={incident.resolvedAt} targetAt={incident.sla.targetAt} />
                  </td>
                  <td className="px-3 py-2">{incident.commander?.name ?? <span className="text-slate-400">{t("incidents.unassigned")}</span>}</td>
                  <td className="px-3 py-2"><RelativeTime iso={incident.startedAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
