"use client";
import { useTranslations } from "next-intl";
import type { DeliveryDto, DeliveryState } from "@/lib/server/escalations/dto";
import { useHourMinute } from "./countdown";

const STATE_STYLE: Record<DeliveryState, string> = {
  sent: "border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-300",
  pending: "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300",
  held: "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300",
  sending: "border-blue-300 bg-blue-50 text-blue-800 dark:border-blue-800 dark:bg-blue-950/40 dark:text-blue-300",
  retrying: "border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-300",
  failed: "border-red-400 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950/40 dark:text-red-300",
};
const STATE_MARK: Record<DeliveryState, string> = { sent: "✓", pending: "…", held: "⏸", sending: "→", retrying: "↻", failed: "✗" };
// Worst first: a channel shows the state of its least successful message.
const SEVERITY: DeliveryState[] = ["failed", "retrying", "sending", "pending", "held", "sent"];

/** One chip per channel (sent / pending / retrying / failed …); failures are spelled out, not hidden in a tooltip. */
export function DeliveryChips({ deliveries }: { deliveries: DeliveryDto[] }) {
  const t = useTranslations("escalations");
  const hm = useHourMinute();
  if (deliveries.length === 0) return null;
  const byChannel = new Map<string, DeliveryDto[]>();
  for (const d of deliveries) byChannel.set(d.channel, [...(byChannel.get(d.channel) ?? []), d]);
  const failures = deliveries.filter((d) => d.state === "failed" || d.state === "retrying");
  return (
    <div className="space-y-1">
      <ul className="flex flex-wrap gap-1" aria-label={t("eventNotifications")}>
        {[...byChannel.entries()].map(([channel, list]) => {
          const state = SEVERITY.find((s) => list.some((d) => d.state === s)) ?? "pending";
          const sent = list.filter((d) => d.state === "sent").length;
          const detail = list.map((d) => `${d.recipient ?? d.to} (${d.to}): ${t(`delivery.${d.state}`)}${d.via ? ` · ${t("via", { via: d.via })}` : ""}`).join("\n");
          return (
            <li key={channel} title={detail} data-testid={`delivery-${channel}`} data-state={state}
              className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs ${STATE_STYLE[state]}`}>
              <span aria-hidden>{STATE_MARK[state]}</span>
              <span className="font-medium">{t(`channel.${channel}`)}</span>
              <span>{t(`delivery.${state}`)}</span>
              {list.length > 1 && <span className="tabular-nums opacity-75">{sent}/{list.length}</span>}
            </li>
          );
        })}
      </ul>
      {failures.map((d) => (
        <p key={d.id} className={`text-xs ${d.state === "failed" ? "text-red-700 dark:text-red-400" : "text-amber-800 dark:text-amber-300"}`}>
          {t(`channel.${d.channel}`)} → {d.recipient ?? d.to}: {d.lastError} · {t("attempts", { count: d.attempts })}
          {d.state === "retrying" && d.nextAttemptAt && ` · ${t("nextAttempt", { time: hm(d.nextAttemptAt) })}`}
        </p>
      ))}
    </div>
  );
}
