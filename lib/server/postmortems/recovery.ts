import "server-only";
// Recovery verification (manual section 4) for an incident: run the configured checks with one click,
// record every result (RecoveryRun rows sharing a batch id) and one line on the incident's timeline.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { prisma, type DB } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { incidentTopic } from "@/lib/domain/live-topics";
import type { RecoveryCheck } from "@/lib/domain/recovery-checks";
import { mayReadRawResults, verdictOnly, type ResultKind } from "@/lib/domain/recovery-results";
import { listRecoveryChecks, type RecoveryCheckDto } from "./recovery-checks";
import { recoveryConfig } from "./recovery-config";
import { runCheck } from "./recovery-runner";
import { toJsonValue } from "../json";

type Reader = Pick<DB, "recoveryRun">;

export const runRecoveryInput = z.strictObject({
  /** a subset of the configured checks; default: every enabled check that does not change data */
  checkIds: z.array(safeString().min(1).max(63)).min(1, "checkIds must name at least one check.").max(50).optional(),
  /** the smoke POSTs write to the shop (a point charge, an order): they run only with this set */
  includeDataChanging: z.boolean({ error: "includeDataChanging must be true or false." }).optional(),
});
export type RunRecoveryInput = z.infer<typeof runRecoveryInput>;

export interface RecoveryResultDto {
  id: string;
  checkId: string;
  title: string;
  ok: boolean;
  summary: string;
  durationMs: number;
  /** the raw result (rows, body snippet, error); null for roles that may not run checks */
  data: unknown;
  /** set when only the verdict is shown (roles without diagnostics.run): summary is verdict-only, data null */
  redacted?: true;
  kind?: ResultKind;
  rowCount?: number;
}

export interface RecoveryBatchDto {
  batchId: string;
  ranAt: string;
  actorName: string;
  ok: boolean;
  passed: number;
  total: number;
  results: RecoveryResultDto[];
}

export interface RecoveryStateDto {
  checks: RecoveryCheckDto[];
  latest: RecoveryBatchDto | null;
  /** the latest batch ran and every check in it passed */
  passing: boolean;
  /** P0/P1 without a passing verification: resolving needs a reason */
  reasonRequiredToResolve: boolean;
  history: Omit<RecoveryBatchDto, "results">[];
}

type RunRow = Pick<RecoveryResultDto, "id" | "checkId" | "title" | "ok" | "summary" | "durationMs" | "data"> & {
  batchId: string;
  ranAt: Date;
  actorName: string;
};

function toBatch(rows: RunRow[]): RecoveryBatchDto {
  const first = rows[0];
  const passed = rows.filter((r) => r.ok).length;
  return {
    batchId: first.batchId,
    ranAt: first.ranAt.toISOString(),
    actorName: first.actorName,
    ok: passed === rows.length,
    passed,
    total: rows.length,
    results: rows.map((r) => ({
      id: r.id,
      checkId: r.checkId,
      title: r.title,
      ok: r.ok,
      summary: r.summary,
      durationMs: r.durationMs,
      data: r.data ?? null,
    })),
  };
}

/** The most recent batch of an incident (all of its rows), or null when none ran. */
export async function latestRecoveryBatch(db: Reader, incidentId: number): Promise<RecoveryBatchDto | null> {
  const last = await db.recoveryRun.findFirst({
    where: { incidentId },
    orderBy: [{ ranAt: "desc" }, { id: "desc" }],
    select: { batchId: true },
  });
  if (!last) return null;
  const rows = await db.recoveryRun.findMany({ where: { incidentId, batchId: last.batchId }, orderBy: { id: "asc" } });
  return toBatch(rows);
}

export const needsVerification = (severity: string) => severity === "P0" || severity === "P1";

/** Only the verdicts, for roles that may not run checks (raw rows and bodies stay with those who may). */
export function redactBatch(batch: RecoveryBatchDto): RecoveryBatchDto {
  return { ...batch, results: batch.results.map((r) => ({ ...r, ...verdictOnly(r) })) };
}

export async function getRecoveryState(actor: Actor, incidentId: number): Promise<RecoveryStateDto> {
  const incident = await prisma.incident.findUnique({ where: { id: incidentId }, select: { severity: true, status: true } });
  if (!incident) throw notFound(`Incident ${incidentId}`);
  const [checks, latest, recent] = await Promise.all([
    listRecoveryChecks(),
    latestRecoveryBatch(prisma, incidentId),
    prisma.recoveryRun.findMany({ where: { incidentId }, orderBy: [{ ranAt: "desc" }, { id: "asc" }], take: 300 }),
  ]);
  const batches = new Map<string, RunRow[]>();
  for (const row of recent) batches.set(row.batchId, [...(batches.get(row.batchId) ?? []), row]);
  const history = [...batches.values()].slice(0, 10).map((rows) => {
    const { results: _results, ...summary } = toBatch(rows);
    return summary;
  });
  const passing = latest?.ok ?? false;
  const visible = latest && !mayReadRawResults(actor.role) ? redactBatch(latest) : latest;
  return {
    checks,
    latest: visible,
    passing,
    reasonRequiredToResolve: incident.status !== "resolved" && needsVerification(incident.severity) && !passing,
    history,
  };
}

function selectChecks(checks: RecoveryCheckDto[], input: RunRecoveryInput): RecoveryCheck[] {
  const runnable = checks.filter((c): c is RecoveryCheckDto & { definition: RecoveryCheck } => c.enabled && c.definition !== null);
  if (!input.checkIds) {
    const chosen = runnable.filter((c) => input.includeDataChanging === true || !c.changesData).map((c) => c.definition);
    if (chosen.length === 0)
      throw new AppError("validation_failed", "No recovery checks are enabled: an admin can add or enable them in Settings.");
    return chosen;
  }
  const chosen: RecoveryCheck[] = [];
  for (const id of new Set(input.checkIds)) {
    const check = runnable.find((c) => c.id === id);
    if (!check)
      throw new AppError("validation_failed", `No enabled recovery check "${id}".`, { checkIds: `Unknown or disabled check: ${id}.` });
    if (check.changesData && input.includeDataChanging !== true) {
      const message = `"${id}" writes to the shop (${check.definition.kind === "http" ? `${check.definition.method} ${check.definition.path}` : "SQL"}); confirm with includeDataChanging: true.`;
      throw new AppError("validation_failed", message, { includeDataChanging: message });
    }
    chosen.push(check.definition);
  }
  return chosen;
}

function timelineMessage(batch: { passed: number; total: number }, failed: string[]): string {
  if (failed.length === 0) return `복구 검증 통과: ${batch.passed}/${batch.total} (Recovery verification passed)`;
  return `복구 검증 실패: ${batch.passed}/${batch.total} 통과 — 실패: ${failed.join(", ")} (Recovery verification failed)`;
}

export async function runRecovery(actor: Actor, incidentId: number, input: RunRecoveryInput = {}): Promise<RecoveryBatchDto> {
  requirePermission(actor, "diagnostics.run");
  const incident = await prisma.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
  if (!incident) throw notFound(`Incident ${incidentId}`);
  const checks = selectChecks(await listRecoveryChecks(), input);
  const config = recoveryConfig();
  const ranAt = clockNow();
  // In parallel, each bounded by its own timeout: one hung dependency costs one timeout, not the sum.
  const outcomes = await Promise.all(checks.map((check) => runCheck(check, config)));
  const batchId = randomUUID();
  const at = clockNow();
  const rows = checks.map((check, i) => ({
    incidentId,
    batchId,
    checkId: check.id,
    title: check.title.ko,
    ok: outcomes[i].ok,
    summary: outcomes[i].summary,
    data: toJsonValue(outcomes[i].data),
    durationMs: outcomes[i].durationMs,
    ranAt,
    actorName: actor.label,
  }));
  const passed = rows.filter((r) => r.ok).length;
  const failed = rows.filter((r) => !r.ok).map((r) => r.title);
  await prisma.$transaction(async (tx) => {
    await tx.recoveryRun.createMany({ data: rows });
    await tx.timelineEvent.create({
      data: {
        incidentId,
        kind: "recovery",
        actorId: actor.userId,
        actorName: actor.label,
        message: timelineMessage({ passed, total: rows.length }, failed),
        data: { batchId, passed, total: rows.length, results: rows.map((r) => ({ checkId: r.checkId, ok: r.ok })) },
        createdAt: at,
      },
    });
    await writeAudit(tx, actor, {
      action: "incident.recovery",
      entity: "incident",
      entityId: incidentId,
      after: { batchId, passed, total: rows.length, checks: rows.map((r) => r.checkId) },
      at,
    });
  });
  await publish(incidentTopic(incidentId));
  const stored = await prisma.recoveryRun.findMany({ where: { incidentId, batchId }, orderBy: { id: "asc" } });
  return toBatch(stored);
}
