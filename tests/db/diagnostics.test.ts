// Diagnostics recorded on incidents, against the REAL Redis and MariaDB of this machine
// (REDIS_URL / MYSQL_URL, defaults 127.0.0.1:6379 and root@127.0.0.1:3306).
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { declareIncident } from "@/lib/server/incidents";
import { executeDiagnostics, planDiagnostics } from "@/lib/server/diagnostics/runs";
import { listDiagnosticBatches } from "@/lib/server/diagnostics/read";
import { probeIdsOfScenario } from "@/lib/domain/runbooks";
import type { Actor } from "@/lib/server/actor";
import type { DiagnosticRunDto } from "@/lib/server/diagnostics/dto";
import { actorsFor } from "../support/actors";
import { diagCounts, hungServer, withEnv } from "./diagnostics-support";
import { expectAppError } from "../support/app-error";
import { closedPort } from "../support/listen";
import { metricSource } from "@/lib/server/metrics/source";
import { isBuiltInPromData } from "@/lib/diagnostics/builtin-summary";

// Db 11 of the local Redis is this suite's own; lock keys carry a per-run prefix and are removed after.
const BASE_REDIS = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const redisUrl = (() => {
  const u = new URL(BASE_REDIS);
  u.pathname = "/11";
  return u.toString();
})();
const RUN = `${process.pid}${Date.now().toString(36)}`;
const LOCKS = [`MY_LOCK:order:${RUN}`, `MY_LOCK:point:${RUN}`];
const REDIS_PROBES = probeIdsOfScenario("redis-lock-timeout");

let admin: Redis;
let responder: Actor;
let viewer: Actor;

beforeAll(async () => {
  ({ responder, viewer } = await actorsFor("responder", "viewer"));
  admin = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await admin.connect();
  // Redisson layout: a hash "<clientUUID>:<threadId>" → re-entrancy count, with the lease as PTTL.
  await admin
    .multi()
    .hset(LOCKS[0], "6f1c2a4e-1b7d-4c55-9d0e-3a2f8e9b1c01:57", "1")
    .pexpire(LOCKS[0], 29_800)
    .hset(LOCKS[1], "0b9e7d3c-55aa-4f1e-8c2d-7e6f5a4b3c02:88", "1")
    .pexpire(LOCKS[1], 10_000)
    .exec();
});
afterAll(async () => {
  await admin.del(...LOCKS);
  admin.disconnect();
});

const declare = (scenario?: "redis-lock-timeout") =>
  declareIncident(responder, { title: `Lock timeouts ${RUN}`, severity: "P1", ...(scenario ? { scenario } : {}) });

describe(`diagnostics on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("Run all for redis-lock-timeout records one DiagnosticRun and one timeline event per probe, with one batch id", async () => {
    const incident = await declare("redis-lock-timeout");
    const before = await diagCounts();
    const streamed: DiagnosticRunDto[] = [];
    const result = await withEnv({ REDIS_URL: redisUrl }, async () => {
      const plan = await planDiagnostics(responder, incident.id, {});
      expect(plan.probeIds).toEqual(REDIS_PROBES);
      return executeDiagnostics(plan, (run) => void streamed.push(run));
    });

    expect(result.runs).toHaveLength(REDIS_PROBES.length);
    expect(streamed.map((r) => r.id)).toEqual(result.runs.map((r) => r.id));
    expect(new Set(result.runs.map((r) => r.probeId))).toEqual(new Set(REDIS_PROBES));
    for (const run of result.runs) {
      expect(run.verdict, `${run.probeId}: ${run.summary}`).not.toBe("error");
      expect(run.target).toBe("Redis at 127.0.0.1:6379");
    }
    const locks = result.runs.find((r) => r.probeId === "redis.locks")!;
    expect(locks.summary).toMatch(/^\d+ keys? matching MY_LOCK:\*, lock:\*; longest TTL \d+\.\d s/);
    expect(JSON.stringify(locks.data)).toContain(LOCKS[0]);

    const rows = await prisma.diagnosticRun.findMany({ where: { batchId: result.batchId } });
    expect(rows).toHaveLength(REDIS_PROBES.length);
    expect(rows.every((r) => r.incidentId === incident.id && r.actorName === responder.label)).toBe(true);
    const events = await prisma.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "diagnostic" } });
    expect(events).toHaveLength(REDIS_PROBES.length);
    for (const event of events) {
      const data = event.data as { batchId: string; runId: string; probeId: string; verdict: string };
      expect(data.batchId).toBe(result.batchId);
      expect(rows.map((r) => r.id)).toContain(data.runId);
      expect(event.message).toBe(`${data.probeId}: ${data.verdict} — ${rows.find((r) => r.id === data.runId)!.summary}`);
    }
    const after = await diagCounts();
    expect(after.runs - before.runs).toBe(REDIS_PROBES.length);
    expect(after.audit - before.audit).toBe(1);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "diagnostics.run", entityId: String(incident.id) } });
    expect(audit.after).toMatchObject({ batchId: result.batchId, probeIds: REDIS_PROBES });
  });

  it("re-running gives a second batch; the read model lists batches newest first for comparison", async () => {
    const incident = await declare("redis-lock-timeout");
    await withEnv({ REDIS_URL: redisUrl }, async () => {
      await executeDiagnostics(await planDiagnostics(responder, incident.id, { probeIds: ["redis.ping"] }));
      await new Promise((r) => setTimeout(r, 20));
      await executeDiagnostics(await planDiagnostics(responder, incident.id, { probeIds: ["redis.ping", "redis.locks"] }));
    });
    const batches = await listDiagnosticBatches(incident.id);
    expect(batches.map((b) => b.runs.length)).toEqual([2, 1]);
    expect(batches[0].startedAt > batches[1].startedAt).toBe(true);
    expect(batches[1].runs[0].probeId).toBe("redis.ping");
  });

  it("runs outside an incident (a runbook page on its own) are recorded without one and touch no timeline", async () => {
    const before = await diagCounts();
    await expectAppError(planDiagnostics(responder, null, {}), "validation_failed");
    const result = await withEnv({ REDIS_URL: redisUrl }, async () =>
      executeDiagnostics(await planDiagnostics(responder, null, { probeIds: ["redis.locks"] })),
    );
    expect(result).toMatchObject({ incidentId: null, counts: { error: 0 } });
    const row = await prisma.diagnosticRun.findFirstOrThrow({ where: { batchId: result.batchId } });
    expect(row.incidentId).toBeNull();
    const after = await diagCounts();
    expect(after).toMatchObject({ runs: before.runs + 1, timeline: before.timeline, audit: before.audit + 1 });
  });

  it("a viewer is refused and nothing is written", async () => {
    const incident = await declare("redis-lock-timeout");
    const before = await diagCounts();
    await expectAppError(planDiagnostics(viewer, incident.id, {}), "forbidden");
    expect(await diagCounts()).toEqual(before);
  });

  it("an incident without a scenario needs probe ids; an unknown incident is not found", async () => {
    const incident = await declare();
    const before = await diagCounts();
    const error = await expectAppError(planDiagnostics(responder, incident.id, {}), "validation_failed");
    expect(error.fields?.probeIds).toMatch(/no scenario/);
    await expectAppError(planDiagnostics(responder, 99_999_999, {}), "not_found");
    expect(await diagCounts()).toEqual(before);
  });

  it("an unreachable Redis is an error result within a second while MariaDB answers; its password never shows", async () => {
    const incident = await declare("redis-lock-timeout");
    const secret = `s3cret-${RUN}`;
    const order: string[] = [];
    const t0 = performance.now();
    const result = await withEnv({ REDIS_URL: `redis://:${secret}@127.0.0.1:1/0` }, async () =>
      executeDiagnostics(
        await planDiagnostics(responder, incident.id, { probeIds: [...REDIS_PROBES, "mysql.processlist"] }),
        (run) => void order.push(run.probeId),
      ),
    );
    expect(performance.now() - t0).toBeLessThan(5_000);
    for (const run of result.runs.filter((r) => r.probeId.startsWith("redis."))) {
      expect(run.verdict).toBe("error");
      expect(run.summary).toBe("Redis at 127.0.0.1:1 refused the connection");
      expect(run.durationMs).toBeLessThan(1_000);
    }
    expect(result.runs.find((r) => r.probeId === "mysql.processlist")!.verdict).not.toBe("error");
    expect(result.counts.error).toBe(REDIS_PROBES.length);
    const stored = JSON.stringify([
      await prisma.diagnosticRun.findMany({ where: { batchId: result.batchId } }),
      await prisma.timelineEvent.findMany({ where: { incidentId: incident.id } }),
      await prisma.auditLog.findMany({ where: { entityId: String(incident.id) } }),
      result,
    ]);
    expect(stored).not.toContain(secret);
  });

  it("a Redis that accepts and never answers times out on its own bound and does not delay MariaDB", async () => {
    const hung = await hungServer();
    try {
      const incident = await declare("redis-lock-timeout");
      const finished: { probeId: string; at: number }[] = [];
      const t0 = performance.now();
      const result = await withEnv({ REDIS_URL: `redis://127.0.0.1:${hung.port}` }, async () =>
        executeDiagnostics(
          await planDiagnostics(responder, incident.id, { probeIds: ["redis.ping", "mysql.processlist"] }),
          (run) => void finished.push({ probeId: run.probeId, at: performance.now() - t0 }),
        ),
      );
      expect(finished.map((f) => f.probeId)).toEqual(["mysql.processlist", "redis.ping"]);
      expect(finished[0].at).toBeLessThan(2_500);
      const ping = result.runs.find((r) => r.probeId === "redis.ping")!;
      expect(ping).toMatchObject({ verdict: "error", summary: `Redis at 127.0.0.1:${hung.port} timed out after 3000 ms` });
      expect(finished[1].at).toBeLessThan(5_000);
      expect(await prisma.timelineEvent.count({ where: { incidentId: incident.id, kind: "diagnostic" } })).toBe(2);
    } finally {
      await hung.close();
    }
  });

  it("without a configured Prometheus, prometheus.query answers from the app's simulator and says so; a configured one is queried for real", async () => {
    const incident = await declare();
    const builtIn = await withEnv({ PROMETHEUS_URL: undefined, DIAGNOSTICS_CONFIG: undefined }, async () =>
      executeDiagnostics(await planDiagnostics(responder, incident.id, { probeIds: ["prometheus.query"] })),
    );
    const run = builtIn.runs[0];
    expect(run.verdict, run.summary).not.toBe("error");
    expect(run.target).toBe("built-in simulator");
    expect(run.summary).toMatch(/^built-in simulator \(no Prometheus configured\): p95 response time [\d.]+ s \(warning > 1 s\)$/);
    if (!isBuiltInPromData(run.data)) throw new Error(`not a built-in answer: ${JSON.stringify(run.data)}`);
    // The same figure the metrics panel shows for that instant.
    const source = metricSource();
    if (source.kind !== "simulator") throw new Error("the app's source should be the simulator");
    const expected = (await source.valuesAt(run.data.at)).p95_latency;
    expect(run.data.value).toBeCloseTo(expected, 3);
    expect(run.verdict).toBe(expected > 1 ? "warning" : "ok");
    const event = await prisma.timelineEvent.findFirstOrThrow({ where: { incidentId: incident.id, kind: "diagnostic" } });
    expect((event.data as { builtIn?: unknown }).builtIn).toMatchObject({ source: "simulator", value: run.data.value });

    // PROMETHEUS_URL set: the real address is asked (here a closed port), never the simulator.
    const port = await closedPort();
    const real = await withEnv({ PROMETHEUS_URL: `http://127.0.0.1:${port}` }, async () =>
      executeDiagnostics(await planDiagnostics(responder, incident.id, { probeIds: ["prometheus.query"] })),
    );
    expect(real.runs[0]).toMatchObject({ verdict: "error", target: `Prometheus at 127.0.0.1:${port}` });
    expect(real.runs[0].summary).toBe(`Prometheus at 127.0.0.1:${port} refused the connection`);
  });
});

/** A port nothing listens on: bound once by the system, then released. */
