"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { LiveStateDot } from "@/components/ui/live-state";
import { escalationKeys, fetchBoard } from "@/lib/client/escalations";
import { useLiveTopics } from "@/lib/client/use-live";
import type { IncidentEscalationDto } from "@/lib/server/escalations/dto";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { StepCountdown } from "./countdown";
import { StepList } from "./step-list";
import { DeliveryChips } from "./deliveries";
import { PagingReadinessPanel } from "./readiness";
import { OnCallNow } from "@/components/oncall/oncall-now";
import { QueryState } from "@/components/ui/query-state";

/**
 * The managers' page: every open incident with its next escalation step and the time left, the steps
 * that fired with their delivery per channel, and who acknowledged. Live (server-sent events on the
 * "escalations" topic), with polling as the fallback.
 */
export function EscalationBoard({ canAck, canManage = false }: { canAck: boolean; canManage?: boolean }) {
  const t = useTranslations("escalations");
  const common = useTranslations("common");
  // the page's first paint carries the board (lib/server/first-paint.ts); one refetch on mount covers what changed
  // between that render and the live stream's connection
  const board = useQuery({
    queryKey: escalationKeys.board,
    queryFn: ({ signal }) => fetchBoard(signal),
    refetchInterval: 5_000,
    refetchOnMount: "always",
  });
  const words = { loading: common("loading"), failed: (message: string) => t("loadError", { message }), retry: common("retry") };
  const live = useLiveTopics(["escalations", "incidents"], () => [escalationKeys.board]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <LiveStateDot state={live} live={t("live")} reconnecting={t("reconnecting")} testId="live-state" />
        <Link href="/escalations/outbox" className="ml-auto text-sm text-blue-700 underline dark:text-blue-400">
          {t("outboxLink")}
        </Link>
      </div>
      <p className="text-sm text-slate-500 dark:text-slate-400">{t("subtitle")}</p>
      <PagingReadinessPanel variant="banner" settingsLink={canManage} />
      <OnCallNow variant="board" />
      <QueryState
        query={board}
        look="page"
        words={words}
        empty={{ when: board.data?.items.length === 0, text: t("empty"), testId: "escalations-empty" }}
      >
        {(data) => (
          <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2" data-testid="escalation-board">
            {data.items.map((item) => (
              <IncidentCard key={item.incident.id} item={item} fetchedAt={data.fetchedAt} canAck={canAck} />
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}

function IncidentCard({ item, fetchedAt, canAck }: { item: IncidentEscalationDto; fetchedAt: number; canAck: boolean }) {
  const t = useTranslations();
  const e = useTranslations("escalations");
  const s = useTranslations("statuspage");
  const { incident, next } = item;
  const attention = item.steps.some((s) => (s.state === "fired" || s.state === "due") && !s.acknowledgedAt);
  return (
    <li
      data-testid={`escalation-card-${incident.id}`}
      className={`panel min-w-0 space-y-3 p-3 ${attention ? "border-red-300 dark:border-red-900" : ""}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={incident.severity} />
        <Link href={`/incidents/${incident.id}`} className="min-w-0 flex-1 truncate font-medium hover:underline">
          <span className="text-slate-400">#{incident.id}</span> {incident.title}
        </Link>
        <span className="text-xs text-slate-500">{t(`status.${incident.status}`)}</span>
        {incident.isDrill && <span className="rounded bg-violet-100 px-1.5 text-xs text-violet-800">{e("drill")}</span>}
        {item.heldByMaintenance && (
          <span className="rounded bg-sky-100 px-1.5 text-xs text-sky-900" data-testid="held-by-maintenance">
            {s("board.heldByMaintenance")}
          </span>
        )}
      </div>
      <div className="rounded bg-slate-50 px-2 py-1.5 text-sm dark:bg-slate-800/60" data-testid="next-step">
        {next ? (
          <span className="flex flex-wrap items-baseline gap-x-2">
            <span>{e("next", { role: t(`contacts.${next.role}`) })}</span>
            <StepCountdown timeLeftMs={next.timeLeftMs} fetchedAt={fetchedAt} className="text-base" />
          </span>
        ) : (
          <span className="text-slate-500">{item.steps.length === 0 ? e("noSteps", { severity: incident.severity }) : e("allFired")}</span>
        )}
      </div>
      {item.steps.length > 0 && <StepList incidentId={incident.id} steps={item.steps} canAck={canAck} />}
      {item.eventDeliveries.length > 0 && (
        <div className="border-t border-slate-100 pt-2 dark:border-slate-800">
          <p className="mb-1 text-xs text-slate-500">{e("eventNotifications")}</p>
          <DeliveryChips deliveries={item.eventDeliveries} />
        </div>
      )}
    </li>
  );
}
