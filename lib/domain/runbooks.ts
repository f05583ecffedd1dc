// The manual's six scenarios (section 2) as structured runbooks, plus the recovery checks of section 4.
// Pure data and types: no I/O. Commands are shown to humans and never executed by the app; where the
// manual's command is wrong or dangerous the manual's text is kept and `corrected` + `note` say why.
// The texts live in lib/domain/runbook-data/*; this module assigns the stable step ids.
import { SCENARIOS, SCENARIO_SLUGS, type ScenarioSlug } from "./scenarios";
import { REDIS_RUNBOOKS } from "./runbook-data/redis";
import { DATABASE_RUNBOOKS } from "./runbook-data/database";
import { KAFKA_RUNBOOKS } from "./runbook-data/kafka";
import { RECOVERY_VERIFICATION } from "./runbook-data/verification";

export interface Localized {
  ko: string;
  en: string;
}

/** Every read-only probe of lib/diagnostics. The registry there is typed as Record<ProbeId, ...>. */
export const PROBE_IDS = [
  "redis.ping",
  "redis.memory",
  "redis.locks",
  "redis.clients",
  "mysql.deadlock",
  "mysql.transactions",
  "mysql.lockWaits",
  "mysql.processlist",
  "mysql.slowQueries",
  "mysql.indexCheck",
  "actuator.health",
  "actuator.hikari",
  "prometheus.query",
  "kafka.consumerLag",
  "kubernetes.deployment",
] as const;
export type ProbeId = (typeof PROBE_IDS)[number];

export function isProbeId(value: unknown): value is ProbeId {
  return typeof value === "string" && (PROBE_IDS as readonly string[]).includes(value);
}

export type CommandLanguage = "bash" | "sql" | "promql";
/** wrong: does not work as written; dangerous: works but can hurt; caution: fine, with a side effect to know. */
export type CommandIssue = "wrong" | "dangerous" | "caution";
/** "manual": the text comes from the manual; "added": not in the manual, added by the runbook authors. */
export type StepSource = "manual" | "added";

export interface RunbookCommand {
  language: CommandLanguage;
  /** the command as the manual prints it (verbatim), or the suggestion for an added step */
  text: string;
  source: StepSource;
  /** the form to run instead, when the manual's text is wrong or dangerous */
  corrected?: string;
  issue?: CommandIssue;
  /** one line: why it was corrected or what to watch out for */
  note?: Localized;
}

export interface RunbookStep {
  /** stable id, e.g. "redis-lock-timeout.respond.1", used to record ticks */
  id: string;
  text: Localized;
  source: StepSource;
  command?: RunbookCommand;
  /** a heading the step belongs to inside its section (e.g. the manual's "성능 보완 대책") */
  group?: Localized;
}

export interface DiagnosticStep extends RunbookStep {
  /** the probe that performs this check, null when none exists (e.g. a thread dump) */
  probeId: ProbeId | null;
}

export type RunbookSection = "symptom" | "diagnose" | "respond" | "rootCause" | "fix" | "recovery";

export interface Runbook {
  slug: ScenarioSlug;
  /** manual section number */
  section: string;
  title: Localized;
  symptoms: RunbookStep[];
  diagnostics: DiagnosticStep[];
  /** heading of the immediate response, as the manual names it (e.g. "즉시 대응 (5분 이내)") */
  respondTitle: Localized;
  respondWithinMinutes?: number;
  respond: RunbookStep[];
  rootCause: RunbookStep[];
  permanentFixes: RunbookStep[];
  recovery: RunbookStep[];
}

/** How the data files describe a step; ids are assigned here from the position. */
export interface StepDef {
  text: Localized;
  source?: StepSource;
  command?: RunbookCommand;
  group?: Localized;
  probeId?: ProbeId | null;
}

export interface RunbookDef {
  slug: ScenarioSlug;
  symptoms: Localized[];
  diagnostics: StepDef[];
  respondTitle: Localized;
  respondWithinMinutes?: number;
  respond: StepDef[];
  rootCause: StepDef[];
  permanentFixes: StepDef[];
  /** scenario-specific recovery; the manual's section 4 verification is appended to every runbook */
  recovery: StepDef[];
}

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
    symptoms: steps("symptom", def.symptoms.map((text) => ({ text }))),
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
