// Fault tests of the incident outbox (issue #9), with CHILD PROCESSES (tests/support/escalation-worker.mts)
// as app instances against the test database:
//   - an instance declares a P0 and is SIGKILLed right after the transaction commits, before anything after
//     the commit runs (the "incident.committed" failpoint);
//   - a restarted instance is SIGKILLed holding the claim on the declaration's event row;
//   - a second restart finishes: the "declared" page reaches the Slack / SMS / voice sink exactly once per
//     message, the event row is processed once.
// And two instances dispatching the same backlog at once handle every event row once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { now } from "@/lib/server/clock";
import { changeIncident, declareIncident, addNote } from "@/lib/server/incidents";
import { onCommittedIncidentEvents } from "@/lib/server/incident-outbox/kick";
import { installCommitDispatch } from "@/lib/server/incident-outbox/start";
import type { Actor } from "@/lib/server/actor";
import { startPaging, type Sink } from "../support/escalations";
import { workerLauncher } from "../support/escalation-workers";

const LEASE_MS = 2_000;
let commander: Actor;
let sink: Sink;

beforeAll(async () => {
  ({ commander, sink } = await startPaging());
});

const workers = workerLauncher(() => ({ WORKER_LEASE_MS: String(LEASE_MS), SINK_URL: sink.url }));
const startWorker = workers.start;
afterAll(async () => {
  workers.killAll();
  await sink.close();
  installCommitDispatch(`vitest-${process.pid}`);
});

const runUntilIdle = (env: Record<string, string>) =>
  workers.runUntilIdle<{ instance: string; fired: number; attempted: number; events: string[] }>(env);

function sinkCounts(incidentId: number) {
  const counts = new Map<string, number>();
  for (const r of sink.requests) if (r.incidentId === incidentId) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
  return counts;
}

describe(`incident events across a crash on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("killed between the commit and delivery: after restarts the declared page is delivered exactly once", async () => {
    const title = `Killed after commit ${Date.now()}`;
    const t = now().getTime();

    // 1. An instance declares a P0 and dies right after the commit.
    const declaring = startWorker({ WORKER_MODE: "declare", WORKER_NOW_MS: String(t), DECLARE_TITLE: title });
    const exit = await declaring.exited;
    expect(exit.signal, declaring.output()).toBe("SIGKILL");
    expect(declaring.output()).toContain("COMMITTED");
    expect(declaring.output()).not.toContain("SURVIVED");

    // The change is whole and durable: incident, timeline, audit, the event row and its three pages.
    const incident = await prisma.incident.findFirstOrThrow({ where: { title } });
    expect(await prisma.timelineEvent.count({ where: { incidentId: incident.id, kind: "declared" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { entity: "incident", entityId: String(incident.id), action: "incident.declare" } })).toBe(
      1,
    );
    // The event row was written claimed by the declaring instance (it dispatches its own commits without a claim
    // statement); the instance is dead, so that claim lapses after the lease.
    const [event] = await prisma.incidentOutbox.findMany({ where: { incidentId: incident.id } });
    expect(event).toMatchObject({ kind: "declared", processedAt: null, claimedBy: expect.stringMatching(/^worker-/), notifications: 3 });
    expect(event.claimedAt?.getTime()).toBe(event.createdAt.getTime());
    const pages = await prisma.notification.findMany({ where: { incidentId: incident.id } });
    expect(pages.map((n) => `${n.event}:${n.channel}:${n.status}`).sort()).toEqual([
      "declared:phone:pending",
      "declared:slack:pending",
      "declared:sms:pending",
    ]);
    expect(sinkCounts(incident.id).size).toBe(0); // nothing went out before the crash

    // 2. Restarted after that lease, and killed again while holding the claim on the event row.
    const restartedAt = t + LEASE_MS + 1_000;
    const second = startWorker({
      WORKER_MODE: "forever",
      WORKER_NOW_MS: String(restartedAt),
      PAUSE_AFTER_CLAIM: "event",
      PAUSE_INCIDENT: String(incident.id),
    });
    const claimed = (await second.line("CLAIMED event ")).split(" ")[2];
    expect(claimed).toBe(event.id);
    second.child.kill("SIGKILL");
    await second.exited;
    expect(await prisma.incidentOutbox.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      processedAt: null,
      claimedBy: expect.stringMatching(/^worker-/),
    });
    expect((await prisma.incidentOutbox.findUniqueOrThrow({ where: { id: event.id } })).claimedBy).not.toBe(event.claimedBy);

    // 3. Restarted once more, after the claim's lease: everything left is done, nothing twice.
    const last = await runUntilIdle({ WORKER_NOW_MS: String(restartedAt + LEASE_MS + 10_000) });
    expect(last.events).toContain(event.id);
    const final = await prisma.incidentOutbox.findUniqueOrThrow({ where: { id: event.id } });
    expect(final.processedAt).not.toBeNull();
    expect(final).toMatchObject({ processedBy: last.instance, attempts: 1, lastError: null });
    const delivered = await prisma.notification.findMany({ where: { incidentId: incident.id }, include: { deliveries: true } });
    expect(delivered).toHaveLength(3);
    for (const n of delivered) {
      expect(n.status).toBe("sent");
      expect(n.deliveries.filter((d) => d.ok)).toHaveLength(1);
    }
    // at the Slack webhook and the SMS/voice provider: one Slack post, one SMS, one call — each once
    const counts = sinkCounts(incident.id);
    expect([...counts.keys()].map((k) => k.split("|")[0]).sort()).toEqual(["phone", "slack", "sms"]);
    expect([...counts.values()]).toEqual([1, 1, 1]);
    expect(await prisma.timelineEvent.count({ where: { incidentId: incident.id, kind: "declared" } })).toBe(1);
  }, 90_000);

  it("two instances dispatching the same backlog handle every event row once", async () => {
    onCommittedIncidentEvents(undefined); // the committing process dies before dispatching: a backlog builds up
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const incident = await declareIncident(commander, { title: `Backlog ${i}`, severity: i % 2 ? "P1" : "P2" });
      const changed = await changeIncident(commander, incident.id, { status: "identified", version: incident.version });
      await addNote(commander, changed.id, `note ${i}`);
      ids.push(incident.id);
    }
    const backlog = await prisma.incidentOutbox.findMany({ where: { incidentId: { in: ids } } });
    expect(backlog).toHaveLength(24);
    expect(backlog.every((r) => r.processedAt === null)).toBe(true);

    const t = String(now().getTime());
    // production leases: nobody is killed here
    const env = (instance: string) => ({ WORKER_NOW_MS: t, WORKER_INSTANCE: instance, WORKER_LEASE_MS: "", SINK_URL: "" });
    const [a, b] = await Promise.all([runUntilIdle(env("instance-a")), runUntilIdle(env("instance-b"))]);
    const mine = new Set(backlog.map((r) => r.id));
    const handledA = a.events.filter((id) => mine.has(id));
    const handledB = b.events.filter((id) => mine.has(id));
    expect(handledA.filter((id) => handledB.includes(id))).toEqual([]); // no row handled by both
    expect(new Set([...handledA, ...handledB]).size).toBe(24);
    const final = await prisma.incidentOutbox.findMany({ where: { incidentId: { in: ids } } });
    for (const r of final) {
      expect(r.processedAt).not.toBeNull();
      expect(r.attempts).toBe(1);
      expect(r.processedBy).toBe(handledA.includes(r.id) ? "instance-a" : "instance-b");
    }
  }, 120_000);
});
