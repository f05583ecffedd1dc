"use client";
// Who is on call now and next, per scheduled role, and the coverage gaps of the next 14 days: on the escalations
// board (compact) and on the schedules page. Live: a schedule change refreshes it; it also re-reads every minute
// because a handoff changes the answer without any write.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { fetchOnCallSummary, type OnCallSummaryItem } from "@/lib/client/oncall";
import { oncallKeys } from "@/lib/client/query-keys";
import { useLiveTopics } from "@/lib/client/use-live";
import { useShiftTime } from "./use-shift-time";

export function OnCallNow({ variant }: { variant: "board" | "page" }) {
  const t = useTranslations("oncall");
  const roles = useTranslations("contacts");
  const summary = useQuery({ queryKey: oncallKeys.summary, queryFn: ({ signal }) => fetchOnCallSummary(signal), refetchInterval: 60_000 });
  useLiveTopics(["schedules"], () => [oncallKeys.all]);
  const shiftTime = useShiftTime();
  const when = (iso: string | null) => (iso ? shiftTime(iso) : "—");

  if (summary.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (summary.isError)
    return (
      <p role="status" className="text-sm text-red-700 dark:text-red-400">
        {t("loadError", { message: summary.error.message })}
      </p>
    );
  const items = summary.data.items;
  if (items.length === 0) {
    return (
      <p className="panel p-3 text-sm text-slate-600 dark:text-slate-300" data-testid="oncall-none">
        {t("noSchedules")}{" "}
        <Link className="text-blue-700 underline dark:text-blue-400" href="/oncall">
          {t("setUp")}
        </Link>
      </p>
    );
  }
  const gaps = items.filter((i) => i.gaps.length > 0);
  return (
    <section className="panel p-3" aria-labelledby={`oncall-now-${variant}`} data-testid="oncall-now">
      <div className="mb-2 flex flex-wrap items-baseline gap-x-3">
        <h2 id={`oncall-now-${variant}`} className="text-sm font-semibold">
          {t("nowTitle")}
        </h2>
        {variant === "board" && (
          <Link href="/oncall" className="text-xs text-blue-700 underline dark:text-blue-400">
            {t("schedulesLink")}
          </Link>
        )}
      </div>
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((item: OnCallSummaryItem) => (
          <li
            key={item.role}
            className="min-w-0 rounded border border-slate-200 p-2 text-sm dark:border-slate-700"
            data-testid={`oncall-${item.role}`}
          >
            <div className="text-xs font-medium text-slate-500 dark:text-slate-400">{roles(item.role)}</div>
            <div className="truncate font-semibold" data-testid={`oncall-${item.role}-now`}>
              {item.now.user ? item.now.user.name : <span className="text-red-700 dark:text-red-400">{t("nobody")}</span>}
            </div>
            {item.now.covering && (
              <div className="text-xs text-amber-800 dark:text-amber-300" data-testid={`oncall-${item.role}-covering`}>
                {t("coveringFor", { name: item.now.covering.name ?? item.now.covering.id })}
              </div>
            )}
            <div className="text-xs text-slate-600 dark:text-slate-300">
              {t("until", { time: when(item.now.until) })}
              {item.next.user && <> · {t("next", { name: item.next.user.name })}</>}
            </div>
          </li>
        ))}
      </ul>
      {gaps.length > 0 && (
        <div
          role="status"
          className="mt-2 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100"
          data-testid="oncall-gaps"
        >
          <p className="font-medium">{t("gapsTitle")}</p>
          <ul className="list-disc pl-5">
            {gaps.map((g) => (
              <li key={g.role}>
                {t("gapLine", { role: roles(g.role), count: g.gaps.length, first: when(g.gaps[0].start), end: when(g.gaps[0].end) })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
