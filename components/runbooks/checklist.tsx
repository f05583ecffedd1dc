"use client";
// The scenario's runbook steps as a checklist inside the incident room: tick boxes that record on the
// timeline, progress, and a link to the full runbook (with commands) for this incident.
import { useTranslations } from "next-intl";
import { getRunbook, type Runbook, type RunbookStep } from "@/lib/domain/runbooks";
import type { ScenarioSlug } from "@/lib/domain/scenarios";
import { TickBox, TickedBy } from "./tick-box";
import type { TicksState } from "./use-ticks";

type SectionKey = "diagnostics" | "respond" | "rootCause" | "permanentFixes" | "recovery";
const SECTIONS: SectionKey[] = ["diagnostics", "respond", "rootCause", "permanentFixes", "recovery"];

export function checklistSteps(runbook: Runbook): RunbookStep[] {
  return SECTIONS.flatMap((s) => runbook[s]);
}

export function RunbookChecklist({
  slug,
  incidentId,
  locale,
  ticks,
  canTick,
}: {
  slug: ScenarioSlug;
  incidentId: number;
  locale: "ko" | "en";
  ticks: TicksState;
  canTick: boolean;
}) {
  const t = useTranslations("diagnostics.runbook");
  const runbook = getRunbook(slug);
  const steps = checklistSteps(runbook);
  const done = steps.filter((s) => ticks.byStep.has(s.id)).length;
  return (
    <details className="mt-3 rounded border border-slate-200 dark:border-slate-800" data-testid="runbook-checklist">
      <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2 text-sm">
        <span className="font-semibold">{t("checklist")}</span>
        <span className="tabular-nums text-slate-500" data-testid="checklist-progress">
          {t("progress", { done, total: steps.length })}
        </span>
        <a
          className="ml-auto text-blue-700 underline dark:text-blue-400"
          href={`/runbooks/${slug}?incident=${incidentId}`}
          onClick={(e) => e.stopPropagation()}
        >
          {t("openFull")}
        </a>
      </summary>
      {ticks.loadError && <p className="px-3 text-sm text-red-600">{t("loadError", { message: ticks.loadError })}</p>}
      {ticks.error && (
        <p className="px-3 text-sm text-red-600" role="alert">
          {t("tickError", { message: ticks.error })}
        </p>
      )}
      <div className="space-y-3 px-3 pb-3">
        {SECTIONS.map((section) => (
          <div key={section}>
            <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">
              {section === "respond" ? runbook.respondTitle[locale] : t(`section.${section}`)}
            </h3>
            <ul className="space-y-1">
              {runbook[section].map((step) => (
                <li key={step.id} className="flex flex-wrap items-center gap-x-2 text-sm">
                  <TickBox stepId={step.id} label={step.text[locale]} ticks={ticks} canTick={canTick} />
                  <span className={ticks.byStep.has(step.id) ? "text-slate-500 line-through decoration-slate-400" : ""}>
                    {step.text[locale]}
                  </span>
                  <TickedBy stepId={step.id} ticks={ticks} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </details>
  );
}
