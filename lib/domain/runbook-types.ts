// The runbooks' types and the probe ids: what lib/domain/runbook-data/* describes and lib/domain/runbooks.ts
// builds. Kept apart so the data files depend on the types, never on the module that imports them.
import type { ScenarioSlug } from "./scenarios";
import { oneOf } from "@/lib/domain/one-of";

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

export const isProbeId = oneOf(PROBE_IDS);

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
