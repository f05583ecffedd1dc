import "server-only";
// Runs probes for an incident (or ad hoc from a runbook page) and records every result as it finishes:
// a DiagnosticRun row and, for an incident, one timeline event, then tells open pages. Planning (role,
// incident, which probes, audit row) is separate from running so a route can refuse with a plain JSON
// error before it starts streaming.
import { randomUUID } from "node:crypto";
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { incidentTopic } from "@/lib/domain/live-topics";
import { PROBES, findTarget, runProbeIds } from "@/lib/diagnostics";
import { targetLabel } from "@/lib/diagnostics/labels";
import { isBuiltInPromData } from "@/lib/diagnostics/builtin-summary";
import type { DiagnosticTargets, ProbeId, ProbeResult, Verdict } from "@/lib/diagnostics/types";
import { probeIdsOfScenario } from "@/lib/domain/runbooks";
import { findScenario } from "@/lib/domain/scenarios";
import { loadTargets, redactValue, redactorFor } from "./targets";
import { BUILT_IN_TARGET_LABEL, builtInProbes } from "./builtin";
import type { DiagnosticRunDto, DiagnosticsBatchResult, VerdictCounts } from "./dto";

/** Raw probe data above this size is stored as a preview (a process list can be long). */
const MAX_DATA_CHARS = 64_000;

export interface DiagnosticsPlan {
  actor: Actor;
  incidentId: number | null;
  batchId: string;
  probeIds: ProbeId[];
  targets: DiagnosticTargets;
}

/**
 * Checks the role and the incident, resolves the probes (default: the incident's scenario's) and writes
 * the audit row. Throws AppError (forbidden, not_found, validation_failed) before anything runs.
 */
export async function planDiagnostics(actor: Actor, incidentId: number | null, input: { probeIds?: ProbeId[] }): Promise<DiagnosticsPlan> {
  requirePermission(actor, "diagnostics.run");
  let probeIds = input.probeIds ? [...new Set(input.probeIds)] : undefined;
  let scenario: string | null = null;
  if (incidentId !== null) {
    const incident = await prisma.incident.findUnique({ where: { id: incidentId }, select: { scenario: true } });
    if (!incident) throw notFound(`Incident ${incidentId}`);
    scenario = incident.scenario;
  }
  if (!probeIds || probeIds.length === 0) {
    const known = scenario ? findScenario(scenario) : undefined;
    if (!known) {
      if (incidentId === null)
        throw new AppError("validation_failed", "Name the probes to run in probeIds.", { probeIds: "Name the probes to run." });
      throw new AppError("validation_failed", "This incident has no scenario; name the probes to run in probeIds.", {
        probeIds: "This incident has no scenario; name the probes to run.",
      });
    }
    probeIds = probeIdsOfScenario(known.slug);
  }
  const batchId = randomUUID();
  await writeAudit(prisma, actor, {
    action: "diagnostics.run",
    entity: incidentId === null ? "diagnostics" : "incident",
    entityId: incidentId ?? batchId,
    after: { batchId, probeIds, scenario },
    at: clockNow(),
  });
  return { actor, incidentId, batchId, probeIds, targets: loadTargets().targets };
}

export const emptyCounts = (): VerdictCounts => ({ ok: 0, warning: 0, critical: 0, error: 0 });

/**
 * Runs the plan's probes in parallel (each bounded by its timeout); `onRun` is called with each recorded
 * result as it finishes. Resolves with all of them once the last one is in. Never throws for a probe's
 * failure: an unreachable target is an "error" result like any other.
 */
export async function executeDiagnostics(
  plan: DiagnosticsPlan,
  onRun?: (run: DiagnosticRunDto) => void | Promise<void>,
): Promise<DiagnosticsBatchResult> {
  const t0 = performance.now();
  const redact = redactorFor(plan.targets);
  const runs: DiagnosticRunDto[] = [];
  const counts = emptyCounts();
  const probes = builtInProbes(plan.targets);
  await runProbeIds(
    plan.probeIds,
    plan.targets,
    async (result) => {
      const target = probes[result.probeId] ? BUILT_IN_TARGET_LABEL : displayTarget(plan.targets, result.probeId);
      const run = await recordResult(plan, result, redact, target);
      runs.push(run);
      counts[run.verdict] += 1;
      await onRun?.(run);
    },
    { probes },
  );
  return { batchId: plan.batchId, incidentId: plan.incidentId, runs, counts, durationMs: Math.round(performance.now() - t0) };
}

function displayTarget(targets: DiagnosticTargets, probeId: ProbeId): string {
  const kind = PROBES[probeId].targetKind;
  const target = findTarget(targets, kind);
  return target ? targetLabel(target) : `${kind} (no target configured)`;
}

function storableData(data: unknown, redact: (text: string) => string): unknown {
  const json = JSON.stringify(data ?? null) ?? "null";
  if (json.length > MAX_DATA_CHARS) {
    return { truncated: true, chars: json.length, preview: redact(json.slice(0, 4_000)) };
  }
  return redactValue(JSON.parse(json), redact);
}

/** The timeline line, e.g. "redis.locks: critical — 1,204 locks, longest TTL 29.8 s". */
export function diagnosticMessage(run: { probeId: string; verdict: Verdict; summary: string }): string {
  return `${run.probeId}: ${run.verdict} — ${run.summary}`;
}

async function recordResult(
  plan: DiagnosticsPlan,
  result: ProbeResult,
  redact: (text: string) => string,
  target: string,
): Promise<DiagnosticRunDto> {
  const at = clockNow();
  // The app clock (movable in tests) minus the probe's duration, so runs and timeline agree.
  const startedAt = new Date(at.getTime() - Math.round(result.durationMs));
  const base = {
    incidentId: plan.incidentId,
    batchId: plan.batchId,
    probeId: result.probeId,
    target,
    verdict: result.verdict,
    summary: redact(result.summary).slice(0, 1_000),
    data: storableData(result.data, redact),
    durationMs: Math.round(result.durationMs),
    startedAt,
    actorId: plan.actor.userId,
    actorName: plan.actor.label,
  };
  try {
    const row = await prisma.$transaction(async (tx) => {
      const created = await tx.diagnosticRun.create({ data: { ...base, data: base.data as object } });
      if (plan.incidentId !== null) {
        await tx.timelineEvent.create({
          data: {
            incidentId: plan.incidentId,
            kind: "diagnostic",
            actorId: plan.actor.userId,
            actorName: plan.actor.label,
            message: diagnosticMessage(base),
            data: {
              probeId: base.probeId,
              verdict: base.verdict,
              runId: created.id,
              batchId: plan.batchId,
              summary: base.summary,
              target: base.target,
              durationMs: base.durationMs,
              // the timeline words a built-in (simulated) answer in the reader's language from these figures
              ...(isBuiltInPromData(base.data) ? { builtIn: base.data as object } : {}),
            },
            createdAt: at,
          },
        });
      }
      return created;
    });
    if (plan.incidentId !== null) await publish(incidentTopic(plan.incidentId));
    return toRunDto(row);
  } catch (error) {
    // The result is still shown to whoever asked; only the record failed (e.g. the incident was deleted).
    console.error(
      `[diagnostics] could not record ${result.probeId} of batch ${plan.batchId}:`,
      error instanceof Error ? error.message : "unknown error",
    );
    return toRunDto({ ...base, id: "" });
  }
}

export function toRunDto(row: {
  id: string;
  incidentId: number | null;
  batchId: string;
  probeId: string;
  target: string;
  verdict: string;
  summary: string;
  data: unknown;
  durationMs: number;
  startedAt: Date;
  actorName: string;
}): DiagnosticRunDto {
  return {
    id: row.id,
    incidentId: row.incidentId,
    batchId: row.batchId,
    // Rows are only written by recordResult with a registry probe id.
    probeId: row.probeId as ProbeId,
    target: row.target,
    verdict: (["ok", "warning", "critical", "error"].includes(row.verdict) ? row.verdict : "error") as Verdict,
    summary: row.summary,
    data: row.data ?? null,
    durationMs: row.durationMs,
    startedAt: row.startedAt.toISOString(),
    actorName: row.actorName,
  };
}
