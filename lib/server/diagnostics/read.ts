import "server-only";
// Recorded probe results of an incident, grouped by batch (one "Run all" or one "Run"), newest first,
// so a page can compare each probe's latest result with the one before.
import { prisma } from "../db";
import { notFound } from "../errors";
import { toRunDto } from "./runs";
import type { DiagnosticBatchDto } from "./dto";

/** Enough history to compare runs; older batches stay in the database and the postmortem. */
const MAX_RUNS = 300;

export async function listDiagnosticBatches(incidentId: number): Promise<DiagnosticBatchDto[]> {
  const incident = await prisma.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
  if (!incident) throw notFound(`Incident ${incidentId}`);
  const rows = await prisma.diagnosticRun.findMany({
    where: { incidentId },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: MAX_RUNS,
  });
  const batches = new Map<string, DiagnosticBatchDto>();
  for (const row of rows) {
    const run = toRunDto(row);
    const batch = batches.get(run.batchId);
    if (!batch) {
      batches.set(run.batchId, { batchId: run.batchId, startedAt: run.startedAt, actorName: run.actorName, runs: [run] });
      continue;
    }
    batch.runs.push(run);
    if (run.startedAt < batch.startedAt) batch.startedAt = run.startedAt;
  }
  // Newest batch first; inside a batch in the order the probes finished.
  const list = [...batches.values()];
  for (const b of list) b.runs.reverse();
  return list.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}
