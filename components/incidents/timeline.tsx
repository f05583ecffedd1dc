"use client";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import type { Page } from "@/lib/client/api";
import { useTranslations } from "next-intl";
import type { TimelineEventDto } from "@/lib/server/incident-dto";
import { RelativeTime } from "@/components/ui/relative-time";
import { ClockTime } from "@/components/ui/absolute-time";
import { TimelineMessage } from "./timeline-message";

const KIND_STYLE: Record<string, string> = {
  declared: "bg-red-500",
  status: "bg-blue-500",
  resolved: "bg-emerald-500",
  reopened: "bg-orange-500",
  severity: "bg-orange-500",
  commander: "bg-slate-500",
  note: "bg-slate-300",
};

/** The timeline newest first (at 3 a.m. the latest action matters most), older pages on demand. */
export function Timeline({ query }: { query: UseInfiniteQueryResult<InfiniteData<Page<TimelineEventDto>>> }) {
  const t = useTranslations();
  if (query.isPending) return <p className="text-sm text-slate-500">{t("common.loading")}</p>;
  if (query.isError) return <p className="text-sm text-red-600">{query.error.message}</p>;
  const events = query.data.pages.flatMap((p) => p.items);
  if (events.length === 0) return <p className="text-sm text-slate-500">{t("room.noTimeline")}</p>;
  return (
    <>
      <ol className="space-y-2" data-testid="timeline">
        {events.map((event) => (
          <li key={event.id} className="flex gap-3 text-sm" data-kind={event.kind}>
            <span className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${KIND_STYLE[event.kind] ?? "bg-violet-500"}`} aria-hidden />
            <div className="min-w-0 flex-1">
              <p className="whitespace-pre-wrap break-words">
                <TimelineMessage event={event} />
              </p>
              <p className="text-xs text-slate-500">
                {event.actorName} · <RelativeTime iso={event.createdAt} /> · <ClockTime iso={event.createdAt} />
              </p>
            </div>
          </li>
        ))}
      </ol>
      {query.hasNextPage && (
        <button
          className="btn mt-3 w-full"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          data-testid="timeline-more"
        >
          {query.isFetchingNextPage ? t("common.loading") : t("common.loadMore")}
        </button>
      )}
    </>
  );
}
