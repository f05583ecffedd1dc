"use client";
// Diagnostics in the incident room: the scenario's probes (or a picker when the incident has none),
// "Run all" (key r) streaming each verdict in as its probe finishes, per-probe "Run", the previous
// result beside the latest, and the scenario's runbook as a checklist.
import { useEffect, useEffectEvent, useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RoomSlotProps } from "@/components/incidents/room-slot-props";
import { can } from "@/lib/domain/roles";
import { PROBE_IDS, probeIdsOfScenario } from "@/lib/domain/runbooks";
import { findScenario, isScenarioSlug } from "@/lib/domain/scenarios";
import { suggestRunbooks } from "@/lib/domain/scenario-suggestions";
import type { ProbeId } from "@/lib/diagnostics/types";
import { RunbookChecklist } from "@/components/runbooks/checklist";
import { useTicks } from "@/components/runbooks/use-ticks";
import { ProbeRow } from "./probe-row";
import { ProbePicker } from "./probe-picker";
import { useDiagnostics } from "./use-diagnostics";
import { useProbeCatalog } from "./use-probes";

export function DiagnosticsRoomPanel({ incident, role, locale }: RoomSlotProps) {
  const t = useTranslations("diagnostics");
  const slug = isScenarioSlug(incident.scenario) ? incident.scenario : null;
  const scenario = slug ? findScenario(slug) : undefined;
  // A resolved incident's room is a record: nothing runs or ticks until it is reopened.
  const resolved = incident.status === "resolved";
  const canRun = can(role, "diagnostics.run") && !resolved;
  const diag = useDiagnostics(incident.id);
  const catalog = useProbeCatalog();
  const ticks = useTicks(incident.id, t("you"));
  const [picked, setPicked] = useState<ProbeId[]>([]);

  const scenarioProbes = slug ? probeIdsOfScenario(slug) : [];
  // Without a scenario, the runbooks matching the alert or the symptoms it was declared with.
  const suggestions = slug ? [] : suggestRunbooks(incident);
  const withHistory = PROBE_IDS.filter((id) => diag.runs.some((r) => r.probeId === id));
  const shown = [
    ...scenarioProbes,
    ...withHistory.filter((id) => !scenarioProbes.includes(id)),
    ...[...diag.running].filter((id) => !scenarioProbes.includes(id) && !withHistory.includes(id)),
  ];
  const busy = diag.running.size > 0;
  const runAll = () => {
    if (!canRun || busy) return;
    if (slug) void diag.run();
    else if (picked.length > 0) void diag.run(picked);
  };

  // Keyboard first: "r" runs the diagnostics (not while typing somewhere else).
  const onRunKey = useEffectEvent(runAll);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key !== "r" || e.metaKey || e.ctrlKey || e.altKey || target.isContentEditable) return;
      if (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
      e.preventDefault();
      onRunKey();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const finished = shown.filter((id) => !diag.running.has(id)).length;
  return (
    <section className="panel scroll-mt-4 p-4" id="diagnostics" data-testid="diagnostics-panel" aria-label={t("title")}>
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 className="text-sm font-semibold uppercase text-slate-500">{t("title")}</h2>
        {scenario ? (
          <span className="text-sm">
            {scenario.section} · {scenario.title[locale]}
          </span>
        ) : (
          <span className="text-sm text-slate-500">{t("noScenario")}</span>
        )}
        {busy && (
          <span className="text-xs text-blue-700 dark:text-blue-300" role="status" data-testid="diagnostics-progress">
            {t("progress", { done: finished, total: shown.length })}
          </span>
        )}
        {canRun ? (
          <button
            type="button"
            className="btn-primary ml-auto"
            onClick={runAll}
            disabled={busy || (!slug && picked.length === 0)}
            data-testid="run-all"
            aria-keyshortcuts="r"
          >
            {busy ? t("running") : slug ? t("runAll") : t("runPicked", { count: picked.length })}
            <kbd className="rounded bg-blue-900/40 px-1 text-[10px]">r</kbd>
          </button>
        ) : (
          <span className="ml-auto text-xs text-slate-500" data-testid="diagnostics-read-only">
            {resolved ? t("resolvedReadOnly") : t("viewerOnly")}
          </span>
        )}
      </div>
      {diag.error && (
        <p
          className="mb-2 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
          role="alert"
        >
          {t("runFailed", { message: diag.error })}
        </p>
      )}
      {diag.loadError && <p className="mb-2 text-sm text-red-600">{t("loadError", { message: diag.loadError })}</p>}
      {catalog.error && <p className="mb-2 text-sm text-red-600">{t("loadError", { message: catalog.error })}</p>}
      {suggestions.length > 0 && (
        <div
          className="mb-2 flex flex-wrap items-center gap-2 rounded bg-blue-50 p-2 text-sm dark:bg-blue-950/40"
          data-testid="runbook-suggestions"
        >
          <span>{t("suggested")}</span>
          {suggestions.map((s) => (
            <span
              key={s.slug}
              className="inline-flex items-center gap-1 rounded border border-blue-200 bg-white px-2 py-0.5 dark:border-blue-900 dark:bg-slate-900"
              data-testid={`suggested-${s.slug}`}
            >
              <Link href={`/runbooks/${s.slug}?incident=${incident.id}`} className="text-blue-700 underline dark:text-blue-400">
                {s.section} · {s.title[locale]}
              </Link>
              {canRun && (
                <button
                  type="button"
                  className="text-xs text-slate-600 underline dark:text-slate-300"
                  onClick={() => setPicked(probeIdsOfScenario(s.slug))}
                  data-testid={`pick-probes-${s.slug}`}
                >
                  {t("pickItsProbes")}
                </button>
              )}
            </span>
          ))}
        </div>
      )}
      {!slug && canRun && <ProbePicker catalog={catalog.all} locale={locale} picked={picked} onChange={setPicked} />}
      {diag.loading ? (
        <p className="text-sm text-slate-500">{t("loading")}</p>
      ) : shown.length === 0 ? (
        <p className="text-sm text-slate-500">{slug ? t("noProbes") : t("nothingRun")}</p>
      ) : (
        <div className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="probe-list">
          {shown.map((id) => (
            <ProbeRow
              key={id}
              probeId={id}
              title={catalog.title(id, locale)}
              history={diag.history(id)}
              running={diag.running.has(id)}
              onRun={canRun ? () => void diag.run([id]) : undefined}
              target={catalog.target(id)}
            />
          ))}
        </div>
      )}
      <p className="mt-2 text-xs text-slate-500">{t("readOnlyNote")}</p>
      {slug && (
        <RunbookChecklist
          slug={slug}
          incidentId={incident.id}
          locale={locale}
          ticks={ticks}
          canTick={can(role, "incident.update") && !resolved}
        />
      )}
    </section>
  );
}
