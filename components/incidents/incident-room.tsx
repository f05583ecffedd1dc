"use client";
import { useEffect, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { usePagedQuery } from "@/lib/client/use-paged-query";
import { useTranslations } from "next-intl";
import { LiveStateDot } from "@/components/ui/live-state";
import { fetchIncident, fetchTimelinePage, queryKeys } from "@/lib/client/api";
import { useLiveTopics } from "@/lib/client/use-live";
import { incidentTopic } from "@/lib/domain/live-topics";
import { findScenario } from "@/lib/domain/scenarios";
import { SeverityBadge } from "./severity-badge";
import { SlaCountdown } from "./sla-countdown";
import { IncidentControls } from "./incident-controls";
import { Timeline } from "./timeline";
import { NoteForm } from "./note-form";
import { RelativeTime } from "@/components/ui/relative-time";
import { LinkedText } from "@/components/ui/linked-text";
import { DiagnosticsRoomPanel } from "@/components/diagnostics/room-panel";
import { MetricsRoomStrip } from "@/components/metrics/room-strip";
import { EscalationRoomStrip } from "@/components/escalations/room-strip";
import { PostmortemRoomPanel } from "@/components/postmortems/room-panel";
import { StatusRoomPanel } from "@/components/status/room-panel";
import type { Role } from "@/lib/domain/roles";

export interface RoomPermissions {
  update: boolean;
  assign: boolean;
  note: boolean;
}

export function IncidentRoom({
  id,
  locale,
  me,
  role,
  permissions,
}: {
  id: number;
  locale: "ko" | "en";
  me: string | null;
  role: Role;
  permissions: RoomPermissions;
}) {
  const t = useTranslations();
  const client = useQueryClient();
  const incident = useQuery({
    queryKey: queryKeys.incident(id),
    queryFn: ({ signal }) => fetchIncident(id, signal),
    refetchInterval: 15_000,
    // the page's first paint carries this (lib/server/first-paint.ts); one refetch on mount covers what changed
    // between that render and the live stream's connection
    refetchOnMount: "always",
  });
  const timeline = usePagedQuery({
    queryKey: queryKeys.timelinePages(id),
    page: (cursor, signal) => fetchTimelinePage(id, cursor, signal),
    refetchInterval: 15_000,
    refetchOnMount: "always",
  });
  const live = useLiveTopics([incidentTopic(id)], () => [queryKeys.incident(id)]);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [, force] = useState(0);

  // Keyboard first: "n" jumps to the note box (not while typing somewhere else).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === "n" && !e.metaKey && !e.ctrlKey && !["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) {
        e.preventDefault();
        noteRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (incident.isPending) return <p className="text-sm text-slate-500">{t("common.loading")}</p>;
  if (incident.isError) return <p className="text-sm text-red-600">{incident.error.message}</p>;
  const data = incident.data;
  const scenario = data.scenario ? findScenario(data.scenario) : undefined;
  const refresh = () => {
    void client.invalidateQueries({ queryKey: queryKeys.incident(id) });
    force((n) => n + 1);
  };

  return (
    // On a phone one column reads header → the commander's actions → the public update line → escalation →
    // the rest, so status, severity, acknowledging and whether a public update is due sit on the first screen
    // (the wrappers are display: contents there and their children ordered); from lg the actions are the
    // right-hand column.
    <div className="flex flex-col gap-4 lg:grid lg:grid-cols-[1fr_22rem] lg:items-start">
      <div className="contents lg:block lg:min-w-0 lg:space-y-4">
        <header className="panel order-1 min-w-0 p-4">
          <div className="flex flex-wrap items-center gap-3">
            <SeverityBadge severity={data.severity} />
            <h1 className="text-xl font-semibold" data-testid="incident-title">
              <span className="text-slate-400">#{data.id}</span> {data.title}
            </h1>
            {data.isDrill && <span className="rounded bg-violet-100 px-1.5 text-xs text-violet-800">{t("incidents.drill")}</span>}
            <LiveStateDot
              className="ml-auto"
              state={live}
              live={t("room.live")}
              reconnecting={t("room.reconnecting")}
              testId="live-state"
            />
          </div>
          <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-xs text-slate-500">{data.status === "resolved" ? t("room.outcome") : t("room.timeLeft")}</dt>
              <dd>
                <SlaCountdown
                  size="lg"
                  remainingMs={data.sla.remainingMs}
                  fetchedAt={data.fetchedAt}
                  resolved={data.status === "resolved"}
                  startedAt={data.startedAt}
                  resolvedAt={data.resolvedAt}
                  targetAt={data.sla.targetAt}
                />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("room.status")}</dt>
              <dd className="text-lg font-medium" data-testid="room-status">
                {t(`status.${data.status}`)}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("room.commander")}</dt>
              <dd data-testid="room-commander">
                {data.commander?.name ?? <span className="text-slate-400">{t("incidents.unassigned")}</span>}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("room.started")}</dt>
              <dd>
                <RelativeTime iso={data.startedAt} />
              </dd>
            </div>
          </dl>
          {data.description && (
            <p
              className="mt-3 whitespace-pre-wrap break-words text-sm text-slate-700 dark:text-slate-300"
              data-testid="incident-description"
            >
              <LinkedText text={data.description} />
            </p>
          )}
          {data.status === "resolved" && (
            <p
              className="mt-3 rounded bg-emerald-50 p-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
              data-testid="resolved-banner"
            >
              {t("room.resolvedBanner")}
            </p>
          )}
        </header>
        <div className="order-3 min-w-0">
          <EscalationRoomStrip incident={data} role={role} locale={locale} />
        </div>
        <div className="order-5 min-w-0 space-y-4">
          <MetricsRoomStrip incident={data} role={role} locale={locale} />
          <DiagnosticsRoomPanel incident={data} role={role} locale={locale} />

          <section className="panel p-4">
            <h2 className="mb-3 text-sm font-semibold uppercase text-slate-500">{t("room.timeline")}</h2>
            {permissions.note && <NoteForm incidentId={id} textareaRef={noteRef} />}
            <Timeline query={timeline} />
          </section>
        </div>
      </div>

      <aside className="contents lg:block lg:space-y-4">
        <div className="order-2 min-w-0" data-testid="commander-actions">
          {permissions.update ? (
            <IncidentControls incident={data} me={me} canAssign={permissions.assign} locale={locale} onConflict={refresh} />
          ) : (
            <p className="panel p-3 text-sm text-slate-500">{t("room.readOnly")}</p>
          )}
        </div>
        {/* on a phone the status panel is one folded line right under the actions (components/status/room-panel.tsx) */}
        <div className="order-2 min-w-0">
          <StatusRoomPanel incident={data} role={role} locale={locale} />
        </div>
        <div className="order-4 min-w-0 space-y-4">
          <PostmortemRoomPanel incident={data} role={role} locale={locale} />
          {scenario && (
            <section className="panel p-3 text-sm">
              <h2 className="mb-1 text-xs font-semibold uppercase text-slate-500">{t("room.runbook")}</h2>
              <a className="text-blue-700 underline dark:text-blue-400" href={`/runbooks/${scenario.slug}?incident=${id}`}>
                {scenario.section} · {scenario.title[locale]}
              </a>
            </section>
          )}
        </div>
      </aside>
    </div>
  );
}
