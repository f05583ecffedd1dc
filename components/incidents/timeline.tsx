"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { TimelineEventDto } from "@/lib/server/incident-dto";
import { RelativeTime } from "@/components/ui/relative-time";
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

export function Timeline({ query }: { query: UseQueryResult<TimelineEventDto[]> }) {
  const t = useTranslations();
  if (query.isPending) return <p className="text-sm text-slate-500">{t("common.loading")}</p>;
  if (query.isError) return <p className="text-sm text-red-600">{query.error.message}</p>;
  if (query.data.length === 0) return <p className="text-sm text-slate-500">{t("room.noTimeline")}</p>;
  // Newest first: at 3 a.m. the latest action matters most.
  const events = [...query.data].reverse();
  return (
    <ol className="space-y-2" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id} className="flex gap-3 text-sm" data-kind={event.kind}>
          <span className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${KIND_STYLE[event.kind] ?? "bg-violet-500"}`} aria-hidden />
          <div className="min-w-0 flex-1">
            <p className="whitespace-pre-wrap break-words"><TimelineMessage event={event} /></p>
            <p className="text-xs text-slate-500">
              {event.actorName} · <RelativeTime iso={event.createdAt} />
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
