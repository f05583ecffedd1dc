// N open P0 incidents started 15 min and 1 s ago, each with the timeline's "declared" entry the escalation schedule
// reads its start from: their team-lead step is due now. Shared by the benchmarks that fire and acknowledge steps.
import { prisma } from "@/lib/server/db";
import { now } from "@/lib/server/clock";

export async function createDueP0Incidents(n: number): Promise<number[]> {
  const start = new Date(now().getTime() - 15 * 60_000 - 1_000);
  await prisma.incident.createMany({
    data: Array.from({ length: n }, (_, i) => ({ title: `bench ${i}`, severity: "P0", source: "api", startedAt: start, createdAt: start })),
  });
  const ids = (await prisma.incident.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
  await prisma.timelineEvent.createMany({
    data: ids.map((incidentId) => ({
      incidentId,
      kind: "declared",
      actorName: "bench",
      message: "declared",
      data: { severity: "P0" },
      createdAt: start,
    })),
  });
  return ids;
}
