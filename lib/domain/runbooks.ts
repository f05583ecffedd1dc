// The manual's six scenarios (section 2) as structured runbooks, plus the recovery checks of section 4.
// Pure data and types: no I/O. Commands are shown to humans and never executed by the app; where the
// manual's command is wrong or dangerous the manual's text is kept and `corrected` + `note` say why.
// The texts live in lib/domain/runbook-data/*, the types in runbook-types.ts; this module assigns the stable step ids.
import { SCENARIOS, SCENARIO_SLUGS, type ScenarioSlug } from "./scenarios";
import { REDIS_RUNBOOKS } from "./runbook-data/redis";
import { DATABASE_RUNBOOKS } from "./runbook-data/database";
import { KAFKA_RUNBOOKS } from "./runbook-data/kafka";
import { RECOVERY_VERIFICATION } from "./runbook-data/verification";
import type { ProbeId, Runbook, RunbookCommand, RunbookDef, RunbookSection, RunbookStep, StepDef } from "./runbook-types";

export { isProbeId, PROBE_IDS } from "./runbook-types";
export type {
  CommandIssue,
  CommandLanguage,
  DiagnosticStep,
  Localized,
  ProbeId,
  Runbook,
  RunbookCommand,
  RunbookDef,
  RunbookSection,
  RunbookStep,
  StepDef,
  StepSource,
} from "./runbook-types";

function toStep(slug: ScenarioSlug, section: RunbookSection, def: StepDef, index: number): RunbookStep {
  const step: RunbookStep = { id: `${slug}.${section}.${index + 1}`, text: def.text, source: def.source ?? "manual" };
  if (def.command) step.command = def.command;
  if (def.group) step.group = def.group;
  return step;
}

export function buildRunbook(def: RunbookDef, verification: readonly StepDef[]): Runbook {
  const scenario = SCENARIOS.find((s) => s.slug === def.slug);
  if (!scenario) throw new Error(`unknown scenario ${def.slug}`);
  const steps = (section: RunbookSection, defs: readonly StepDef[]) => defs.map((d, i) => toStep(def.slug, section, d, i));
  const runbook: Runbook = {
    slug: def.slug,
    section: scenario.section,
    title: scenario.title,
    symptoms: steps(
      "symptom",
      def.symptoms.map((text) => ({ text })),
    ),
    diagnostics: def.diagnostics.map((d, i) => ({ ...toStep(def.slug, "diagnose", d, i), probeId: d.probeId ?? null })),
    respondTitle: def.respondTitle,
    respond: steps("respond", def.respond),
    rootCause: steps("rootCause", def.rootCause),
    permanentFixes: steps("fix", def.permanentFixes),
    recovery: steps("recovery", [...def.recovery, ...verification]),
  };
  if (def.respondWithinMinutes !== undefined) runbook.respondWithinMinutes = def.respondWithinMinutes;
  return runbook;
}

const DEFS: readonly RunbookDef[] = [...REDIS_RUNBOOKS, ...DATABASE_RUNBOOKS, ...KAFKA_RUNBOOKS];

export const RUNBOOKS: readonly Runbook[] = SCENARIO_SLUGS.map((slug) => {
  const def = DEFS.find((d) => d.slug === slug);
  if (!def) throw new Error(`scenario ${slug} has no runbook`);
  return buildRunbook(def, RECOVERY_VERIFICATION);
});

export function getRunbook(slug: ScenarioSlug): Runbook {
  const runbook = RUNBOOKS.find((r) => r.slug === slug);
  if (!runbook) throw new Error(`scenario ${slug} has no runbook`);
  return runbook;
}

export function findRunbook(slug: string): Runbook | undefined {
  return RUNBOOKS.find((r) => r.slug === slug);
}

/** The probes of a scenario's diagnostics, in runbook order, each once ("Run all" runs these). */
export function probeIdsOfScenario(slug: ScenarioSlug): ProbeId[] {
  const ids: ProbeId[] = [];
  for (const step of getRunbook(slug).diagnostics) {
    if (step.probeId && !ids.includes(step.probeId)) ids.push(step.probeId);
  }
  return ids;
}

/** Every step of a runbook in display order (symptoms, diagnostics, respond, root cause, fixes, recovery). */
export function allSteps(runbook: Runbook): RunbookStep[] {
  return [
    ...runbook.symptoms,
    ...runbook.diagnostics,
    ...runbook.respond,
    ...runbook.rootCause,
    ...runbook.permanentFixes,
    ...runbook.recovery,
  ];
}

export function findStep(stepId: string): RunbookStep | undefined {
  const slug = stepId.split(".")[0];
  const runbook = findRunbook(slug);
  return runbook ? allSteps(runbook).find((s) => s.id === stepId) : undefined;
}

/** The command to copy: the corrected form when there is one, else the manual's text. */
export function commandToRun(command: RunbookCommand): string {
  return command.corrected ?? command.text;
}
