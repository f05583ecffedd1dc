// The HTTP answer of POST /api/v1/incidents/{id}/diagnostics: streamed NDJSON (one line per probe as it
// finishes) or plain JSON; 403 for a viewer's token with nothing written. Real Redis and MariaDB.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { declareIncident } from "@/lib/server/incidents";
import { createApiToken } from "@/lib/server/tokens";
import { GET, POST } from "@/app/api/v1/incidents/[id]/diagnostics/route";
import { POST as TEST_TARGET } from "@/app/api/v1/diagnostics/targets/test/route";
import { GET as TARGETS } from "@/app/api/v1/diagnostics/targets/route";
import { GET as RUNBOOK } from "@/app/api/v1/runbooks/[slug]/route";
import { probeIdsOfScenario } from "@/lib/domain/runbooks";
import { actorFor } from "../support/actors";
import { diagCounts, hungServer, readNdjson, withEnv } from "./diagnostics-support";

const tokens: Record<string, string> = {};
let incidentId: number;

beforeAll(async () => {
  const admin = await actorFor("admin");
  for (const role of ["responder", "viewer", "admin"] as const)
    tokens[role] = (await createApiToken(admin, { name: `diag-${role}`, role })).token;
  incidentId = (
    await declareIncident(await actorFor("commander"), { title: "Point charge slow", severity: "P1", scenario: "redis-lock-timeout" })
  ).id;
});

const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const post = (role: string, body: unknown, accept?: string) =>
  POST(
    new Request(`http://test/api/v1/incidents/${incidentId}/diagnostics`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[role]}`, "content-type": "application/json", ...(accept ? { accept } : {}) },
      body: JSON.stringify(body),
    }),
    ctx({ id: String(incidentId) }),
  );

describe("POST /api/v1/incidents/{id}/diagnostics", () => {
  it("streams one NDJSON line per probe as it finishes: a hung Redis comes last, MariaDB's result first", async () => {
    const hung = await hungServer();
    try {
      const t0 = performance.now();
      const lines = await withEnv({ REDIS_URL: `redis://127.0.0.1:${hung.port}` }, async () => {
        const response = await post("responder", { probeIds: ["redis.ping", "mysql.processlist"] });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
        return readNdjson(response, t0);
      });
      expect(lines.map((l) => l.line.type)).toEqual(["start", "result", "result", "done"]);
      const [, first, second, done] = lines;
      expect((first.line.run as { probeId: string }).probeId).toBe("mysql.processlist");
      expect(first.at).toBeLessThan(2_500);
      expect(second.line.run).toMatchObject({ probeId: "redis.ping", verdict: "error" });
      expect(second.at - first.at).toBeGreaterThan(500);
      expect(done.line).toMatchObject({ type: "done", counts: { error: 1 } });
    } finally {
      await hung.close();
    }
  });

  it("answers plain JSON with every result at the end for Accept: application/json", async () => {
    const response = await post("responder", {}, "application/json");
    expect(response.status).toBe(201);
    const body = (await response.json()) as { batchId: string; runs: { probeId: string }[]; counts: Record<string, number> };
    expect(body.runs.map((r) => r.probeId).sort()).toEqual([...probeIdsOfScenario("redis-lock-timeout")].sort());
    const listed = (await (
      await GET(new Request("http://test", { headers: { authorization: `Bearer ${tokens.viewer}` } }), ctx({ id: String(incidentId) }))
    ).json()) as {
      items: { batchId: string }[];
    };
    expect(listed.items[0].batchId).toBe(body.batchId);
  });

  it("refuses a viewer's token with 403 and writes nothing; rejects unknown probe ids with 422", async () => {
    const before = await diagCounts();
    const refused = await post("viewer", {});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const invalid = await post("responder", { probeIds: ["redis.keys"] });
    expect(invalid.status).toBe(422);
    expect(await diagCounts()).toEqual(before);
    expect(await prisma.diagnosticRun.count({ where: { actorName: "token:diag-viewer" } })).toBe(0);
  });
});

describe("targets and runbooks API", () => {
  it("shows admins the targets with secrets masked, and tests a connection", async () => {
    await withEnv({ REDIS_URL: "redis://:hunter2-secret@127.0.0.1:6379/11" }, async () => {
      const res = await TARGETS(new Request("http://test", { headers: { authorization: `Bearer ${tokens.admin}` } }), ctx({}));
      const text = await res.text();
      expect(text).not.toContain("hunter2-secret");
      const body = JSON.parse(text) as { items: { kind: string; configured: boolean; address: string }[] };
      expect(body.items.find((t) => t.kind === "redis")).toMatchObject({ configured: true, address: "redis://:****@127.0.0.1:6379/11" });
      expect(body.items.find((t) => t.kind === "mysql")?.configured).toBe(process.env.MYSQL_URL ? true : false);
      const tested = await TEST_TARGET(
        new Request("http://test", {
          method: "POST",
          headers: { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json" },
          body: JSON.stringify({ kind: "redis" }),
        }),
        ctx({}),
      );
      const result = (await tested.json()) as { verdict: string; summary: string };
      // The local Redis has no password: it answers PONG (ioredis sends AUTH and Redis tolerates it) or refuses AUTH.
      expect(JSON.stringify(result)).not.toContain("hunter2-secret");
      expect(result.summary.length).toBeGreaterThan(0);
    });
    const forbidden = await TARGETS(new Request("http://test", { headers: { authorization: `Bearer ${tokens.responder}` } }), ctx({}));
    expect(forbidden.status).toBe(403);
  });

  it("serves a runbook with its probes and the corrected commands", async () => {
    const res = await RUNBOOK(
      new Request("http://test", { headers: { authorization: `Bearer ${tokens.viewer}` } }),
      ctx({ slug: "redis-lock-timeout" }),
    );
    const body = (await res.json()) as { probes: { id: string }[]; diagnostics: { command?: { text: string; corrected?: string } }[] };
    expect(body.probes.map((p) => p.id)).toEqual(probeIdsOfScenario("redis-lock-timeout"));
    expect(body.diagnostics.find((d) => d.command?.text.includes("keys"))?.command?.corrected).toContain("--scan");
    const missing = await RUNBOOK(
      new Request("http://test", { headers: { authorization: `Bearer ${tokens.viewer}` } }),
      ctx({ slug: "nope" }),
    );
    expect(missing.status).toBe(404);
  });
});
