"use client";
// A runbook in full: symptoms, diagnostics (probe-backed steps have "Run"), the immediate response,
// root-cause analysis, permanent fixes and recovery. Opened for an incident (?incident=), every step can
// be ticked off and probe results are recorded on that incident; on its own, probes run ad hoc.
import { useProbeCatalog } from "@/components/diagnostics/use-probes";
import { useTranslations } from "next-intl";
import { useLiveTopics } from "@/lib/client/use-live";
import { incidentTopic } from "@/lib/domain/live-topics";
import { getRunbook, probeIdsOfScenario, type RunbookStep } from "@/lib/domain/runbooks";
import type { ScenarioSlug } from "@/lib/domain/scenarios";
import type { ProbeId } from "@/lib/diagnostics/types";
import { ProbeRow } from "@/components/diagnostics/probe-row";
import { useDiagnostics } from "@/components/diagnostics/use-diagnostics";
import { StepItem } from "./step-item";
import { useTicks, type TicksState } from "./use-ticks";
import { queryKeys } from "@/lib/client/query-keys";

interface Props {
  slug: ScenarioSlug;
  locale: "ko" | "en";
  incidentId: number | null;
  probeTitles: Partial<Record<ProbeId, string>>;
  canRun: boolean;
  canTick: boolean;
  me: string;
}

function Section({
  title,
  testId,
  children,
  action,
}: {
  title: string;
  testId: string;
  children: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <section className="panel p-4" data-testid={testId}>
      <div className="mb-1 flex flex-wrap items-center gap-2">
        <h2 className="text-sm font-semibold uppercase text-slate-500">{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

/** Steps with their group headings (e.g. the manual's "기능 검증") where the group changes. */
function StepList({
  steps,
  locale,
  ticks,
  canTick,
  extra,
}: {
  steps: RunbookStep[];
  locale: "ko" | "en";
  ticks: TicksState | null;
  canTick: boolean;
  extra?: (s: RunbookStep) => React.ReactNode;
}) {
  return (
    <ol className="divide-y divide-slate-100 dark:divide-slate-800">
      {steps.map((step, i) => {
        const heading = step.group && step.group[locale] !== steps[i - 1]?.group?.[locale] ? step.group[locale] : null;
        return (
          <div key={step.id}>
            {heading && <h3 className="pt-3 text-xs font-semibold text-slate-600 dark:text-slate-300">{heading}</h3>}
            <StepItem step={step} locale={locale} ticks={ticks} canTick={canTick}>
              {extra?.(step)}
            </StepItem>
          </div>
        );
      })}
    </ol>
  );
}

/** Ticks and results by others (or other tabs) show up within a second. */
function IncidentLive({ id }: { id: number }) {
  useLiveTopics([incidentTopic(id)], () => [queryKeys.incident(id)]);
  return null;
}

export function RunbookView({ slug, locale, incidentId, probeTitles, canRun, canTick, me }: Props) {
  const t = useTranslations("diagnostics");
  const r = useTranslations("diagnostics.runbook");
  const runbook = getRunbook(slug);
  const diag = useDiagnostics(incidentId);
  const catalog = useProbeCatalog();
  const tickState = useTicks(incidentId, me);
  const ticks = incidentId !== null ? tickState : null;
  const busy = diag.running.size > 0;
  const allProbes = probeIdsOfScenario(slug);

  const probeFor = (step: RunbookStep) => {
    const probeId = "probeId" in step ? (step as { probeId: ProbeId | null }).probeId : null;
    if (!probeId) return null;
    return (
      <div className="mt-1.5 rounded border border-slate-200 px-2 dark:border-slate-800">
        <ProbeRow
          probeId={probeId}
          title={probeTitles[probeId] ?? probeId}
          history={diag.history(probeId)}
          running={diag.running.has(probeId)}
          onRun={canRun ? () => void diag.run([probeId]) : undefined}
          target={catalog.target(probeId)}
          compact
        />
      </div>
    );
  };

  return (
    <div className="space-y-4">
      {incidentId !== null && <IncidentLive id={incidentId} />}
      {ticks?.loadError && <p className="text-sm text-red-600">{r("loadError", { message: ticks.loadError })}</p>}
      {ticks?.error && (
        <p className="text-sm text-red-600" role="alert">
          {r("tickError", { message: ticks.error })}
        </p>
      )}
      <Section title={r("section.symptoms")} testId="runbook-symptoms">
        <StepList steps={runbook.symptoms} locale={locale} ticks={ticks} canTick={canTick} />
      </Section>
      <Section
        title={r("section.diagnostics")}
        testId="runbook-diagnostics"
        action={
          canRun && allProbes.length > 0 ? (
            <button
              type="button"
              className="btn-primary ml-auto px-2 py-1 text-xs"
              disabled={busy}
              onClick={() => void diag.run(allProbes)}
              data-testid="runbook-run-all"
            >
              {busy ? t("running") : t("runAll")}
            </button>
          ) : null
        }
      >
        {diag.error && (
          <p className="text-sm text-red-600" role="alert">
            {t("runFailed", { message: diag.error })}
          </p>
        )}
        {diag.loadError && <p className="text-sm text-red-600">{t("loadError", { message: diag.loadError })}</p>}
        <StepList steps={runbook.diagnostics} locale={locale} ticks={ticks} canTick={canTick} extra={probeFor} />
      </Section>
      <Section title={runbook.respondTitle[locale]} testId="runbook-respond">
        <StepList steps={runbook.respond} locale={locale} ticks={ticks} canTick={canTick} />
      </Section>
      <Section title={r("section.rootCause")} testId="runbook-root-cause">
        <StepList steps={runbook.rootCause} locale={locale} ticks={ticks} canTick={canTick} />
      </Section>
      <Section title={r("section.permanentFixes")} testId="runbook-fixes">
        <StepList steps={runbook.permanentFixes} locale={locale} ticks={ticks} canTick={canTick} />
      </Section>
      <Section title={r("section.recovery")} testId="runbook-recovery">
        <StepList steps={runbook.recovery} locale={locale} ticks={ticks} canTick={canTick} />
      </Section>
    </div>
  );
}
