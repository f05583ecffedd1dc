"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { RoomSlotProps } from "@/components/incidents/room-slot-props";
import { escalationKeys, fetchIncidentEscalation } from "@/lib/client/escalations";
import { can } from "@/lib/domain/roles";
import { useNow } from "@/lib/client/use-now";
import type { DeliveryDto, EscalationStepDto } from "@/lib/server/escalations/dto";
import { StepCountdown, useHourMinute } from "./countdown";
import { AckButton } from "./ack-button";
import { DeliveryChips } from "./deliveries";

const MIN = 60_000;
const CHIP: Record<EscalationStepDto["state"], string> = {
  fired: "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200",
  due: "border-orange-400 bg-orange-50 text-orange-900 dark:border-orange-800 dark:bg-orange-950/40 dark:text-orange-200",
  pending: "border-slate-300 bg-white text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300",
  cancelled: "border-dashed border-slate-300 text-slate-400 line-through dark:border-slate-700",
};

/** The incident's escalation schedule as a strip along elapsed time, with the next step's countdown. */
export function EscalationRoomStrip({ incident, role }: RoomSlotProps) {
  const t = useTranslations();
  const e = useTranslations("escalations");
  const hm = useHourMinute();
  const query = useQuery({
    queryKey: escalationKeys.incident(incident.id),
    queryFn: ({ signal }) => fetchIncidentEscalation(incident.id, signal),
    refetchInterval: 15_000,
    refetchOnMount: "always", // the room's first paint carries it (lib/server/first-paint.ts)
  });
  const browserNow = useNow(5_000);
  if (query.isPending || query.isError) {
    return query.isError ? (
      <p className="panel p-3 text-sm text-red-700 dark:text-red-400">{e("loadError", { message: query.error.message })}</p>
    ) : null;
  }
  const data = query.data;
  const started = Date.parse(data.incident.startedAt);
  const elapsed = Date.parse(data.now) - started + (browserNow - data.fetchedAt);
  const offsets = data.steps.map((s) => Date.parse(s.dueAt) - started);
  const span = Math.max(60 * MIN, elapsed, ...offsets) * 1.05;
  const at = (ms: number) => `${Math.min(100, Math.max(0, (ms / span) * 100))}%`;
  const canAck = can(role, "escalation.ack");

  return (
    <section className="panel p-3" data-testid="escalation-strip" aria-label={e("strip.title")}>
      <div className="mb-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="text-sm font-semibold uppercase text-slate-500">{e("strip.title")}</h2>
        {data.next ? (
          <span className="text-sm">
            {e("next", { role: t(`contacts.${data.next.role}`) })} ·{" "}
            <StepCountdown timeLeftMs={data.next.timeLeftMs} fetchedAt={data.fetchedAt} />
          </span>
        ) : (
          <span className="text-sm text-slate-500">
            {data.steps.length === 0
              ? e("noSteps", { severity: data.incident.severity })
              : !data.open
                ? e("resolvedNoMore")
                : e("allFired")}
          </span>
        )}
        {data.failedDeliveries > 0 && (
          <span className="text-sm font-medium text-red-700 dark:text-red-400">
            {e("failedDeliveries", { count: data.failedDeliveries })}
          </span>
        )}
      </div>
      {data.steps.length > 0 && (
        <>
          <div className="relative mb-2 h-1.5 rounded bg-slate-200 dark:bg-slate-800" aria-hidden>
            <div className="absolute inset-y-0 left-0 rounded bg-slate-400 dark:bg-slate-500" style={{ width: at(elapsed) }} />
            {data.steps.map((s, i) => (
              <span
                key={s.key}
                title={t(`contacts.${s.role}`)}
                className={`absolute -top-1 h-3.5 w-1 -translate-x-1/2 rounded ${s.state === "fired" ? "bg-red-600" : s.state === "cancelled" ? "bg-slate-300" : "bg-slate-700 dark:bg-slate-300"}`}
                style={{ left: at(offsets[i]) }}
              />
            ))}
          </div>
          <ol className="flex flex-wrap gap-2 text-xs">
            {data.steps.map((s, i) => (
              <li
                key={s.key}
                data-testid={`strip-step-${s.key}`}
                data-state={s.state}
                className={`flex flex-wrap items-center gap-1.5 rounded border px-2 py-1 ${CHIP[s.state]}`}
              >
                <span className="tabular-nums text-slate-500">{Math.round(offsets[i] / MIN)}′</span>
                <span className="font-medium">{t(`contacts.${s.role}`)}</span>
                <span>
                  {s.state === "fired" && s.firedAt
                    ? s.lateByMs && s.lateByMs >= MIN
                      ? e("firedLate", { time: hm(s.firedAt), minutes: Math.floor(s.lateByMs / MIN) })
                      : e("firedOnTime", { time: hm(s.firedAt) })
                    : s.state === "pending"
                      ? e("dueAt", { time: hm(s.dueAt) })
                      : `${e(`state.${s.state}`)} · ${hm(s.dueAt)}`}
                </span>
                {s.acknowledgedAt ? (
                  <span className="text-emerald-700 dark:text-emerald-400">✓ {e("acknowledgedBy", { name: s.acknowledgedBy ?? "" })}</span>
                ) : (
                  s.state === "fired" &&
                  canAck &&
                  s.id && <AckButton incidentId={data.incident.id} stepId={s.id} label={t(`contacts.${s.role}`)} />
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <RoomDeliveries steps={data.steps} eventDeliveries={data.eventDeliveries} />
    </section>
  );
}

/** Where the room's pages went, per channel, in words (no hover needed): the incident's own events, then each fired step. */
function RoomDeliveries({ steps, eventDeliveries }: { steps: EscalationStepDto[]; eventDeliveries: DeliveryDto[] }) {
  const t = useTranslations();
  const e = useTranslations("escalations");
  const fired = steps.filter((s) => s.deliveries.length > 0);
  if (eventDeliveries.length === 0 && fired.length === 0) return null;
  const row = (key: string, label: string, deliveries: DeliveryDto[]) => (
    <div key={key} data-testid={`room-deliveries-${key}`} className="flex flex-wrap items-start gap-x-2 gap-y-1">
      <span className="pt-0.5 text-xs text-slate-500 dark:text-slate-400">{label}</span>
      <div className="min-w-0 flex-1">
        <DeliveryChips deliveries={deliveries} />
      </div>
    </div>
  );
  return (
    <div className="mt-2 space-y-1 border-t border-slate-100 pt-2 dark:border-slate-800" data-testid="room-deliveries">
      {eventDeliveries.length > 0 && row("events", e("eventNotifications"), eventDeliveries)}
      {fired.map((s) => row(s.key, t(`contacts.${s.role}`), s.deliveries))}
    </div>
  );
}
