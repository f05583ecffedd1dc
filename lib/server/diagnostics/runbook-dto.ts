import "server-only";
// The runbooks as the API serves them: the structured runbook plus the probes its diagnostics use.
import { listProbes, type ProbeInfo } from "@/lib/diagnostics";
import { RUNBOOKS, allSteps, findRunbook, probeIdsOfScenario, type Localized, type Runbook } from "@/lib/domain/runbooks";
import { findScenario } from "@/lib/domain/scenarios";
import type { Severity } from "@/lib/domain/severity";
import { notFound } from "../errors";

export interface RunbookSummaryDto {
  slug: string;
  section: string;
  title: Localized;
  typicalSeverity: Severity;
  symptoms: Localized[];
  probes: ProbeInfo[];
  steps: number;
}

export type RunbookDto = Runbook & { typicalSeverity: Severity; probes: ProbeInfo[] };

function severityOf(slug: string): Severity {
  return findScenario(slug)?.typicalSeverity ?? "P2";
}

export function listRunbooks(): RunbookSummaryDto[] {
  return RUNBOOKS.map((r) => ({
    slug: r.slug,
    section: r.section,
    title: r.title,
    typicalSeverity: severityOf(r.slug),
    symptoms: r.symptoms.map((s) => s.text),
    probes: listProbes(probeIdsOfScenario(r.slug)),
    steps: allSteps(r).length,
  }));
}

export function getRunbookDto(slug: string): RunbookDto {
  const runbook = findRunbook(slug);
  if (!runbook) throw notFound(`Runbook ${slug.slice(0, 60)}`);
  return { ...runbook, typicalSeverity: severityOf(slug), probes: listProbes(probeIdsOfScenario(runbook.slug)) };
}
