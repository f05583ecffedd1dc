"use client";
import { useTranslations } from "next-intl";
import type { DeliveryDto, DeliveryState } from "@/lib/server/escalations/dto";
import { worstDeliveryState } from "@/lib/domain/delivery-state";
import { useHourMinute } from "./countdown";

export const DELIVERY_STYLE: Record<DeliveryState, string> = {
  delivered: "border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-300",
  // Recorded in the app, reached nobody: never green, never a tick.
  outbox_only: "border-dashed border-amber-500 bg-amber-50 text-amber-950 dark:border-amber-600 dark:bg-amber-950/40 dark:text-amber-200",
  pending: "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300",
  held: "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300",
  scheduled: "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300",
  sending: "border-blue-300 bg-blue-50 text-blue-800 dark:border-blue-800 dark:bg-blue-950/40 dark:text-blue-300",
  retrying: "border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-300",
  failed: "border-red-400 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950/40 dark:text-red-300",
  cancelled: "border-slate-200 bg-white text-slate-500 line-through dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400",
};
const STATE_MARK: Record<DeliveryState, string> = {
  delivered: "✓",
  outbox_only: "⚠",
  pending: "…",
  held: "⏸",
  scheduled: "⏲",
  sending: "→",
  retrying: "↻",
  failed: "✗",
  cancelled: "⊘",
};

/** "Recorded in the app only — Slack not configured" / "— drill", or the state's word ("sent", "retrying" …). */
export function useDeliveryLabel() {
  const t = useTranslations("escalations");
  return (state: DeliveryState, channel: string, outboxReason: DeliveryDto["outboxReason"]) =>
    state === "outbox_only"
      ? t(outboxReason === "drill" ? "delivery.outboxOnlyDrill" : "delivery.outboxOnly", { channel: t(`channel.${channel}`) })
      : t(`delivery.${state}`);
}

/**
 * One chip per channel (delivered / recorded in the app only / pending / retrying / failed …), its words on
 * the chip itself (phones have no hover); failures are spelled out underneath.
 */
export function DeliveryChips({ deliveries }: { deliveries: DeliveryDto[] }) {
  const t = useTranslations("escalations");
  const hm = useHourMinute();
  const label = useDeliveryLabel();
  if (deliveries.length === 0) return null;
  const byChannel = new Map<string, DeliveryDto[]>();
  for (const d of deliveries) byChannel.set(d.channel, [...(byChannel.get(d.channel) ?? []), d]);
  const failures = deliveries.filter((d) => d.state === "failed" || d.state === "retrying");
  return (
    <div className="space-y-1">
      <ul className="flex flex-wrap gap-1" aria-label={t("eventNotifications")}>
        {[...byChannel.entries()].map(([channel, list]) => {
          const state = worstDeliveryState(list.map((d) => d.state)) ?? "pending";
          const reason = list.find((d) => d.state === state)?.outboxReason ?? null;
          const delivered = list.filter((d) => d.state === "delivered").length;
          const detail = list
            .map((d) => `${d.recipient ?? d.to} (${d.to}): ${label(d.state, d.channel, d.outboxReason)} · ${t("via", { via: d.via })}`)
            .join("\n");
          return (
            <li
              key={channel}
              title={detail}
              data-testid={`delivery-${channel}`}
              data-state={state}
              className={`inline-flex max-w-full items-center gap-1 rounded border px-1.5 py-0.5 text-xs ${DELIVERY_STYLE[state]}`}
            >
              <span aria-hidden>{STATE_MARK[state]}</span>
              {state !== "outbox_only" && <span className="font-medium">{t(`channel.${channel}`)}</span>}
              <span className={state === "outbox_only" ? "font-medium" : ""}>{label(state, channel, reason)}</span>
              {list.length > 1 && (
                <span className="tabular-nums opacity-75" title={t("deliveredCount")}>
                  {delivered}/{list.length}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {failures.map((d) => (
        <p
          key={d.id}
          className={`text-xs ${d.state === "failed" ? "text-red-700 dark:text-red-400" : "text-amber-800 dark:text-amber-300"}`}
        >
          {t(`channel.${d.channel}`)} → {d.recipient ?? d.to}: {d.lastError} · {t("attempts", { count: d.attempts })}
          {d.state === "retrying" && d.nextAttemptAt && ` · ${t("nextAttempt", { time: hm(d.nextAttemptAt) })}`}
        </p>
      ))}
    </div>
  );
}
