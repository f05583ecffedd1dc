"use client";
// The tick box of one runbook step inside an incident, and who ticked it and when.
import { useTranslations } from "next-intl";
import { RelativeTime } from "@/components/ui/relative-time";
import type { TicksState } from "./use-ticks";

export function TickBox({ stepId, label, ticks, canTick }: { stepId: string; label: string; ticks: TicksState; canTick: boolean }) {
  const t = useTranslations("diagnostics.runbook");
  const tick = ticks.byStep.get(stepId);
  return (
    <input
      type="checkbox"
      className="h-4 w-4 shrink-0 accent-emerald-600"
      checked={Boolean(tick)}
      disabled={!canTick || ticks.pendingStep === stepId}
      onChange={(e) => ticks.toggle(stepId, e.target.checked)}
      aria-label={tick ? t("untick", { step: label }) : t("tick", { step: label })}
      data-testid={`tick-${stepId}`}
    />
  );
}

export function TickedBy({ stepId, ticks }: { stepId: string; ticks: TicksState }) {
  const t = useTranslations("diagnostics.runbook");
  const tick = ticks.byStep.get(stepId);
  if (!tick) return null;
  return (
    <span className="text-xs text-emerald-700 dark:text-emerald-400" data-testid={`ticked-by-${stepId}`}>
      ✓ {t("doneBy", { name: tick.actorName })} · <RelativeTime iso={tick.tickedAt} />
    </span>
  );
}
