"use client";
import Link from "next/link";
import { usePagedQuery } from "@/lib/client/use-paged-query";
import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/lib/i18n/locales";
import { escalationKeys, fetchNotifications } from "@/lib/client/escalations";
import { useLiveTopics } from "@/lib/client/use-live";
import type { DeliveryState } from "@/lib/server/escalations/dto";
import { ClockTime } from "./countdown";
import { useDeliveryLabel } from "./deliveries";
import { DataTable, LoadMore } from "@/components/ui/data-table";
import { QueryState } from "@/components/ui/query-state";

const STATE_TEXT: Record<DeliveryState, string> = {
  delivered: "text-emerald-700 dark:text-emerald-400",
  outbox_only: "text-amber-800 dark:text-amber-300 font-medium",
  pending: "text-slate-600 dark:text-slate-300",
  held: "text-slate-600 dark:text-slate-300",
  scheduled: "text-slate-600 dark:text-slate-300",
  sending: "text-blue-700 dark:text-blue-400",
  retrying: "text-amber-800 dark:text-amber-300",
  failed: "text-red-700 dark:text-red-400 font-semibold",
  cancelled: "text-slate-500 dark:text-slate-400",
};

/** The outbox log: what was written, to whom, over which channel, and every delivery attempt. */
export function OutboxLog({ incidentId }: { incidentId: number | null }) {
  const t = useTranslations("escalations");
  const o = useTranslations("escalations.outbox");
  const common = useTranslations("common");
  const locale = toLocale(useLocale());
  const label = useDeliveryLabel();
  const query = usePagedQuery({
    queryKey: escalationKeys.notifications(incidentId),
    page: (cursor, signal) => fetchNotifications(incidentId, cursor, signal),
    refetchInterval: 10_000,
  });
  useLiveTopics(["escalations"], () => [escalationKeys.notifications(incidentId)]);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <h1 className="text-xl font-semibold">{t("outbox.title")}</h1>
        {incidentId !== null && (
          <span className="text-sm">
            {t("outbox.filtered", { id: incidentId })} ·{" "}
            <Link className="underline" href="/escalations/outbox">
              {t("outbox.showAll")}
            </Link>
          </span>
        )}
        <Link href="/escalations" className="ml-auto text-sm text-blue-700 underline dark:text-blue-400">
          {t("outbox.back")}
        </Link>
      </div>
      <p className="text-sm text-slate-500 dark:text-slate-400">{t("outbox.subtitle")}</p>
      <QueryState
        query={query}
        look="page"
        words={{ loading: common("loading") }}
        empty={{ when: items.length === 0, text: t("outbox.empty") }}
      >
        {() => (
          <DataTable
            className="panel overflow-x-auto"
            testId="outbox-log"
            head={[o("when"), o("incident"), o("event"), o("channelCol"), o("to"), o("state"), o("message")]}
            footer={<LoadMore query={query} label={t("outbox.loadMore")} />}
          >
            {items.map((n) => (
              <tr
                key={n.id}
                className="border-t border-slate-100 align-top dark:border-slate-800"
                data-testid="outbox-row"
                data-state={n.state}
              >
                <td className="px-3 py-2 whitespace-nowrap">
                  <ClockTime iso={n.createdAt} />
                </td>
                <td className="px-3 py-2">
                  {n.incidentId !== null && (
                    <Link className="hover:underline" href={`/incidents/${n.incidentId}`}>
                      #{n.incidentId}
                    </Link>
                  )}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {t.has(`outbox.events.${n.event}`) ? t(`outbox.events.${n.event}`) : n.event}
                  {n.isDrill && ` · ${t("drill")}`}
                </td>
                <td className="px-3 py-2">{t(`channel.${n.channel}`)}</td>
                <td className="px-3 py-2">
                  <span className="font-mono text-xs">{n.to}</span>
                  {n.recipient && <span className="block text-xs text-slate-500">{n.recipient}</span>}
                </td>
                <td className={`px-3 py-2 whitespace-nowrap ${STATE_TEXT[n.state]}`}>
                  {n.state === "outbox_only" && <span aria-hidden>⚠ </span>}
                  {label(n.state, n.channel, n.outboxReason)}
                  {n.state !== "outbox_only" && (
                    <span className="block text-xs font-normal text-slate-500">{t("via", { via: n.via })}</span>
                  )}
                  {(n.state === "held" || n.state === "scheduled") && n.notBefore && (
                    <span className="block text-xs font-normal text-slate-500">
                      → <ClockTime iso={n.notBefore} />
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <p className="font-medium">{n.subject[locale]}</p>
                  <p className="text-slate-600 dark:text-slate-300">{n.message[locale]}</p>
                  {n.attempts.length > 0 && (
                    <details className="mt-1 text-xs text-slate-500">
                      <summary>{t("attempts", { count: n.attempts.length })}</summary>
                      <ol className="mt-1 space-y-0.5">
                        {n.attempts.map((a, i) => (
                          <li key={i} className={a.ok ? "" : "text-red-700 dark:text-red-400"}>
                            <ClockTime iso={a.at} /> · {a.ok ? "ok" : a.error} · {a.durationMs} ms
                            {a.providerId ? ` · ${a.providerId}` : ""}
                          </li>
                        ))}
                      </ol>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </div>
  );
}
