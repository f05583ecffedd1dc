"use client";
// One runbook step: tick box (inside an incident), the text, whether the manual lists it, its command,
// and for a diagnostic backed by a probe, the probe's latest result with a "Run" button.
import { useTranslations } from "next-intl";
import type { RunbookStep } from "@/lib/domain/runbooks";
import { CommandBlock } from "./command-block";
import { TickBox, TickedBy } from "./tick-box";
import type { TicksState } from "./use-ticks";
import type { ReactNode } from "react";

interface Props {
  step: RunbookStep;
  locale: "ko" | "en";
  ticks: TicksState | null;
  canTick: boolean;
  /** e.g. the probe row of a diagnostic step */
  children?: ReactNode;
}

export function StepItem({ step, locale, ticks, canTick, children }: Props) {
  const t = useTranslations("diagnostics.runbook");
  const done = ticks?.byStep.has(step.id) ?? false;
  return (
    <li className="py-2" data-testid={`step-${step.id}`} data-done={done ? "true" : "false"}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {ticks && <TickBox stepId={step.id} label={step.text[locale]} ticks={ticks} canTick={canTick} />}
        <span className={`font-medium ${done ? "text-slate-500 line-through decoration-slate-400" : ""}`}>{step.text[locale]}</span>
        {step.source === "added" && (
          <span className="rounded bg-sky-100 px-1 text-[11px] text-sky-900 dark:bg-sky-950 dark:text-sky-200" title={t("addedHelp")}>
            {t("added")}
          </span>
        )}
        {ticks && <TickedBy stepId={step.id} ticks={ticks} />}
      </div>
      {step.command && <CommandBlock command={step.command} stepId={step.id} locale={locale} />}
      {children}
    </li>
  );
}
