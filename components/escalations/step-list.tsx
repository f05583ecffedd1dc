"use client";
import { useTranslations } from "next-intl";
import type { EscalationStepDto } from "@/lib/server/escalations/dto";
import { DeliveryChips } from "./deliveries";
import { AckButton } from "./ack-button";
import { useHourMinute } from "./countdown";
import { StepOnCall } from "@/components/oncall/step-oncall";

const STATE_DOT: Record<EscalationStepDto["state"], string> = {
  fired: "bg-red-600",
  due: "bg-orange-500 animate-pulse",
  pending: "bg-slate-300 dark:bg-slate-600",
  cancelled: "bg-slate-200 dark:bg-slate-700",
};

export const REASON_KEYS: Record<string, "noPhone" | "noEmail" | "noContact"> = {
  "no phone number": "noPhone",
  "no email address": "noEmail",
  "no contact with this role; only the Slack channel is told": "noContact",
};

/** The steps of one incident: when each is (was) due, what fired, delivery per channel, who acknowledged. */
export function StepList({ incidentId, steps, canAck }: { incidentId: number; steps: EscalationStepDto[]; canAck: boolean }) {
  const t = useTranslations();
  const e = useTranslations("escalations");
  const hm = useHourMinute();
  // The planner's reasons are stable English phrases; the known ones are shown in the user's language.
  const reasonText = (reason: string) => {
    const key = REASON_KEYS[reason];
    return key ? e(`reason.${key}`) : reason;
  };
  return (
    <ol className="space-y-2">
      {steps.map((step) => {
        const role = t(`contacts.${step.role}`);
        const late = step.lateByMs !== null && step.lateByMs >= 60_000 ? Math.floor(step.lateByMs / 60_000) : 0;
        const fired = step.state === "fired" || step.state === "due";
        return (
          <li
            key={step.key}
            data-testid={`step-${step.key}`}
            data-state={step.state}
            className={`flex gap-2 text-sm ${step.state === "cancelled" ? "text-slate-400 dark:text-slate-500" : ""}`}
          >
            <span className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${STATE_DOT[step.state]}`} aria-hidden />
            <div className="min-w-0 flex-1 space-y-1">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium">{role}</span>
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  {step.state === "fired" && step.firedAt
                    ? late > 0
                      ? e("firedLate", { time: hm(step.firedAt), minutes: late })
                      : e("firedOnTime", { time: hm(step.firedAt) })
                    : step.state === "pending"
                      ? e("dueAt", { time: hm(step.dueAt) })
                      : `${e(`state.${step.state}`)} · ${e("dueAt", { time: hm(step.dueAt) })}`}
                  {step.state === "cancelled" && step.cancelledBecause && ` · ${e(`cancelledBecause.${step.cancelledBecause}`)}`}
                </span>
                {(step.state === "pending" || step.state === "due") && <StepOnCall role={step.role} dueAt={step.dueAt} />}
              </p>
              {step.state === "due" && <p className="text-xs text-orange-700 dark:text-orange-400">{e("overdueHint")}</p>}
              {fired && <PagedPeople step={step} />}
              {fired && <DeliveryChips deliveries={step.deliveries} />}
              {step.state === "fired" && (
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
                  {step.acknowledgedAt ? (
                    <span data-testid="acknowledged-by" className="font-medium text-emerald-700 dark:text-emerald-400">
                      ✓ {e("acknowledgedBy", { name: step.acknowledgedBy ?? "" })} · {hm(step.acknowledgedAt)}
                    </span>
                  ) : (
                    <>
                      <span className="font-medium text-red-700 dark:text-red-400">{e("notAcknowledged")}</span>
                      {canAck && step.id && <AckButton incidentId={incidentId} stepId={step.id} label={role} />}
                    </>
                  )}
                  {step.reminders > 0 && <span className="text-slate-500">{e("reminders", { count: step.reminders })}</span>}
                  {step.nextReminderAt && <span className="text-slate-500">{e("nextReminder", { time: hm(step.nextReminderAt) })}</span>}
                </p>
              )}
              {step.state !== "cancelled" &&
                groupUnreachable(step.unreachable).map((u) => (
                  <p key={`${u.role}:${u.name}:${u.reason}`} className="text-xs text-amber-800 dark:text-amber-300">
                    ⚠{" "}
                    {e("unreachable", {
                      who: `${t(`contacts.${u.role}`)}${u.name ? ` ${u.name}` : ""} (${u.channels.map((c) => e(`channel.${c}`)).join(", ")})`,
                      reason: reasonText(u.reason),
                    })}
                  </p>
                ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** Who this step reached (the people, not the channels): the on-call person when a schedule named one. */
function PagedPeople({ step }: { step: EscalationStepDto }) {
  const t = useTranslations("oncall");
  // A person's deliveries carry "Name (role)"; Slack channel posts carry none.
  const names = [...new Set(step.deliveries.flatMap((d) => (d.recipient ? [d.recipient.replace(/ \([^)]*\)$/, "")] : [])))];
  if (names.length === 0) return null;
  return (
    <p className="text-xs" data-testid={`step-paged-${step.key}`}>
      {t("pagedPeople", { names: names.join(", ") })}
    </p>
  );
}

/** One line per person and reason ("Team lead (SMS, Call) — no phone number"), not one per channel. */
function groupUnreachable(list: EscalationStepDto["unreachable"]) {
  const groups = new Map<string, { role: string; name: string; reason: string; channels: string[] }>();
  for (const u of list) {
    const key = `${u.role}|${u.name}|${u.reason}`;
    const group = groups.get(key) ?? { role: u.role, name: u.name, reason: u.reason, channels: [] };
    group.channels.push(u.channel);
    groups.set(key, group);
  }
  return [...groups.values()];
}
