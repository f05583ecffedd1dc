// The screen tells the truth about the rules: a rule whose source fails is "cannot be evaluated" (never
// counted as OK), "no data" is its own state (never written as a recovery), and lists of alerts are
// never cut silently (cursor pages).
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { now as clockNow } from "@/lib/server/clock";
import { runEvaluation } from "@/lib/server/alerts/engine";
import { ingestAlertmanager } from "@/lib/server/alerts/alertmanager";
import { decodeCursor, readAlerts, readExternalPage } from "@/lib/server/alerts/read-model";
import { getTimeline } from "@/lib/server/incidents";
import { parseAlertmanagerWebhook } from "@/lib/domain/alertmanager";
import { conditionHolds } from "@/lib/domain/alert-rules";
import { evaluationSlot } from "@/lib/domain/rule-engine";
import { seedOf, shopValues } from "@/lib/metrics/shop-model";
import { evaluateSlots, INTERVAL, resetAlerting, ruleNamed } from "./alerts-support";

const SEED = seedOf("incident-command");
const errorRate = ruleNamed("HighErrorRate");

/** A Prometheus that answers every query — with nothing (just restarted), or with an error (down). */
function fakePrometheus(answer: "empty" | "down") {
  const reply = () =>
    answer === "empty"
      ? Promise.resolve([])
      : Promise.reject(new Error("Prometheus at http://127.0.0.1:9 unreachable: connect ECONNREFUSED"));
  return {
    kind: "prometheus" as const,
    displayUrl: "http://127.0.0.1:9",
    queries: {} as never,
    instant: reply,
    range: reply,
    query: () => Promise.reject(new Error("unused")),
    queryRange: () => Promise.reject(new Error("unused")),
    alertingRules: () => Promise.reject(new Error("unused")),
  };
}

let T0: number;
beforeEach(async () => {
  await resetAlerting();
  T0 = evaluationSlot(clockNow(), INTERVAL) + 60_000;
});

describe(`truthful rule states on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("no data while a P0 fires (Prometheus restarted) is said once on the incident — never as a recovery — and the alert stays firing", async () => {
    await prisma.simulatorFault.create({ data: { scenario: "connection-pool-exhaustion", startedAt: new Date(T0) } });
    let trueAt = T0;
    while (!conditionHolds(errorRate, shopValues(SEED, trueAt, [{ scenario: "connection-pool-exhaustion", startedAt: T0 }]).error_ratio))
      trueAt += INTERVAL;
    const firedAt = trueAt + errorRate.forMs;
    const opened = (await evaluateSlots(T0, firedAt, { autoOpen: true })).flatMap((r) => r.opened);
    expect(opened).toHaveLength(1);

    const empty = fakePrometheus("empty");
    const first = await runEvaluation({ at: new Date(firedAt + INTERVAL), intervalMs: INTERVAL, source: empty, autoOpen: true });
    expect(first.transitions.filter((t) => t.rule === "HighErrorRate").map((t) => t.to)).toEqual(["nodata"]);
    await runEvaluation({ at: new Date(firedAt + 2 * INTERVAL), intervalMs: INTERVAL, source: empty, autoOpen: true });

    let timeline = await getTimeline(opened[0]);
    expect(timeline.map((e) => e.kind)).toEqual(["declared", "alert", "alert-nodata"]);
    expect(timeline[2].message).toMatch(/^알람 HighErrorRate: .* 데이터 없음 — 해소 아님, 발생 상태 유지 \(마지막 값 [\d.]+ %\)/);
    expect(timeline.some((e) => e.message.includes("해소:"))).toBe(false);
    const api = await readAlerts();
    expect(api.rules.find((r) => r.name === "HighErrorRate")).toMatchObject({
      state: "firing",
      evaluation: "no_data",
      current: { incident: { id: opened[0] } },
    });
    expect(api.ruleSummary).toMatchObject({ total: 8, noData: 8, ok: 0 });

    // the data comes back, still 30 %: the same episode goes on firing — no resolve, no second incident
    const back = await runEvaluation({ at: new Date(firedAt + 3 * INTERVAL), intervalMs: INTERVAL, autoOpen: true });
    expect(back.transitions.filter((t) => t.rule === "HighErrorRate")).toEqual([]);
    expect(back.opened).toEqual([]);
    timeline = await getTimeline(opened[0]);
    expect(timeline.map((e) => e.kind)).toEqual(["declared", "alert", "alert-nodata"]);
    expect((await readAlerts()).rules.find((r) => r.name === "HighErrorRate")).toMatchObject({ state: "firing", evaluation: "ok" });
  });

  it("with the source down every rule is 'cannot be evaluated', and the summary counts none as OK", async () => {
    await runEvaluation({ at: new Date(T0), intervalMs: INTERVAL, source: fakePrometheus("down"), autoOpen: false });
    const api = await readAlerts();
    expect(api.rules.map((r) => r.evaluation)).toEqual(Array(8).fill("error"));
    expect(api.ruleSummary).toMatchObject({ total: 8, ok: 0, error: 8, firing: 0 });
    expect(api.rules[0].lastError).toMatch(/unreachable/);
  });

  it("62 firing Alertmanager alerts are all listed (not the newest 50); pages follow a cursor without repeats or gaps", async () => {
    const at = clockNow().getTime();
    const alerts = Array.from({ length: 92 }, (_, i) => ({
      status: i < 62 ? "firing" : "resolved",
      labels: { alertname: i % 2 ? "DiskFull" : "PodCrashLooping", severity: "P1", pod: `pod-${i}` },
      annotations: {},
      startsAt: new Date(at - (i % 7) * 60_000).toISOString(),
      endsAt: i < 62 ? "0001-01-01T00:00:00Z" : new Date(at).toISOString(),
      fingerprint: `page${String(i).padStart(12, "0")}`,
    }));
    await ingestAlertmanager(parseAlertmanagerWebhook({ version: "4", receiver: "r", status: "firing", groupKey: "{}", alerts }), {
      autoOpen: false,
    });

    const api = await readAlerts();
    expect(api.externalFiring).toBe(62);
    expect(api.externalTotal).toBe(92);
    expect(api.external.filter((a) => a.status === "firing")).toHaveLength(62);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof readExternalPage>> = await readExternalPage({
        limit: 25,
        cursor: cursor ? decodeCursor(cursor) : null,
      });
      expect(page.total).toBe(92);
      seen.push(...page.items.map((a) => a.fingerprint));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(92);
    const statuses = seen.map((fp) => (Number(fp.slice(4)) < 62 ? "firing" : "resolved"));
    expect(statuses.indexOf("resolved")).toBe(62); // firing first

    const { GET } = await import("@/app/api/v1/alerts/external/route");
    const { createApiToken } = await import("@/lib/server/tokens");
    const { actorFor } = await import("../support/actors");
    const token = (await createApiToken(await actorFor("admin"), { name: "alerts-pages", role: "viewer" })).token;
    const bearerFor = async (_role: "viewer") => `Bearer ${token}`;
    const res = await GET(
      new Request("http://localhost/api/v1/alerts/external?status=firing&limit=50", {
        headers: { authorization: await bearerFor("viewer") },
      }),
    );
    const body = (await res.json()) as { items: unknown[]; nextCursor: string | null; total: number };
    expect(res.status).toBe(200);
    expect(body.items).toHaveLength(50);
    expect(body.total).toBe(62);
    const next = await GET(
      new Request(`http://localhost/api/v1/alerts/external?status=firing&limit=50&cursor=${body.nextCursor}`, {
        headers: { authorization: await bearerFor("viewer") },
      }),
    );
    expect(((await next.json()) as { items: unknown[]; nextCursor: string | null }).items).toHaveLength(12);
    const bad = await GET(
      new Request("http://localhost/api/v1/alerts/external?cursor=nonsense", { headers: { authorization: await bearerFor("viewer") } }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });
});
