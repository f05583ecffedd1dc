import { readFileSync } from "node:fs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { handleAlertmanagerWebhook, openIncidentForExternal } from "@/lib/server/alerts/alertmanager";
import { setAutoOpen } from "@/lib/server/alerts/settings";
import { getTimeline } from "@/lib/server/incidents";
import { actorFor } from "../support/actors";
import { featureCounts, resetAlerting } from "./alerts-support";

const TOKEN = "am-test-token-0123456789abcdef";
// The route reads ALERTMANAGER_TOKEN through the feature's config, on first use.
process.env.ALERTMANAGER_TOKEN = TOKEN;

/** Every POST Alertmanager 0.25 sent during the reference run (reference/contracts.md 2.3), in order. */
const CAPTURES = readFileSync(new URL("../fixtures/captures/alertmanager-webhook-received.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => (JSON.parse(line) as { body: unknown }).body);

function post(body: unknown, authorization: string | null = `Bearer ${TOKEN}`): Request {
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Alertmanager/0.25.0" };
  if (authorization !== null) headers.authorization = authorization;
  return new Request("http://localhost/api/integrations/alertmanager", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : `${JSON.stringify(body)}\n`,
  });
}

async function send(body: unknown, authorization?: string | null, token: string | null = TOKEN) {
  const res = await handleAlertmanagerWebhook(post(body, authorization), token);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

beforeAll(async () => {
  await resetAlerting();
});

describe(`Alertmanager webhook on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  beforeEach(async () => {
    await resetAlerting();
  });

  it(
    "ingests the 58 captured payloads in order: one incident per alert episode or group, repeats counted, resolves on the timeline",
    { timeout: 120_000 },
    async () => {
      await setAutoOpen(await actorFor("admin"), true);
      const before = await featureCounts();
      const lastId = (await prisma.incident.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
      for (const body of CAPTURES) expect((await send(body)).status).toBe(200);
      const after = await featureCounts();

      const rows = await prisma.alertmanagerAlert.findMany({ orderBy: [{ alertname: "asc" }, { fingerprint: "asc" }] });
      expect(rows.map((r) => [r.alertname, r.fingerprint, r.status])).toEqual([
        ["AlwaysFiringTest", "1d1c4eab28e3d277", "firing"],
        ["DiagGroupTest", "967ddca9ca15df4a", "resolved"],
        ["DiagGroupTest", "fcd2df9deba991b5", "resolved"],
        ["HighErrorRatio", "a65e4d3597445632", "resolved"],
        ["HighP95Latency", "46af3010743aa898", "resolved"],
        ["HighP95LatencySummary", "06d3350fd7f5942f", "resolved"],
        ["HikariPoolExhausted", "f4a9ceea95f92e94", "resolved"],
      ]);
      const always = rows.find((r) => r.alertname === "AlwaysFiringTest")!;
      const sentAlways = CAPTURES.filter((b) => JSON.stringify(b).includes("1d1c4eab28e3d277")).length;
      expect(always.repeats).toBe(sentAlways - 1);
      expect(always.incidentId).toBeNull(); // severity "info": shown, never an incident

      // critical → P1, warning → P2; the two DiagGroupTest alerts of one group share one incident
      expect(after.incidents - before.incidents).toBe(5);
      const incidents = await prisma.incident.findMany({ where: { id: { gt: lastId } }, orderBy: { id: "asc" } });
      expect(incidents.map((i) => [i.title.split(":")[0], i.severity])).toEqual([
        ["HikariPoolExhausted", "P1"],
        ["HighP95LatencySummary", "P2"],
        ["HighP95Latency", "P1"],
        ["HighErrorRatio", "P1"],
        // a group's title comes from what its alerts share, not from the first alert's text
        ["DiagGroupTest ×2 (job=inventory-service)", "P2"],
      ]);
      const hikari = rows.find((r) => r.alertname === "HikariPoolExhausted")!;
      expect(incidents[0].startedAt.toISOString()).toBe(hikari.startsAt.toISOString()); // the first alert, not the POST
      expect(hikari.endsAt?.toISOString()).toBe("2026-11-24T21:57:52.565Z");
      for (const incident of incidents.slice(0, 4)) {
        const timeline = await getTimeline(incident.id);
        expect(timeline.map((e) => e.kind)).toEqual(["declared", "alert", "alert-resolved"]);
        expect(timeline[0].actorName).toMatch(/^alertmanager:/);
      }
      const group = await getTimeline(incidents[4].id);
      // one row per change of the group (both alerts arrived in one notification), with count and instances
      expect(group.map((e) => e.kind)).toEqual(["declared", "alert", "alert-resolved", "alert-resolved"]);
      expect(group[1].message).toBe("Alertmanager 알람 DiagGroupTest: 발생 2건(10.0.0.1:8080, 10.0.0.2:8080) · 현재 발생 중 2건");
      expect(group[1].data).toMatchObject({ fired: 2, firingNow: 2, firedInstances: ["10.0.0.1:8080", "10.0.0.2:8080"] });
      const groupRows = rows.filter((r) => r.alertname === "DiagGroupTest");
      expect(groupRows.every((r) => r.incidentId === incidents[4].id)).toBe(true);

      // Alertmanager re-sends after a restart or from an HA twin: replaying everything changes nothing but counters
      const replayBefore = await featureCounts();
      for (const body of CAPTURES) expect((await send(body)).status).toBe(200);
      const replayAfter = await featureCounts();
      expect({ ...replayAfter }).toEqual({ ...replayBefore });
    },
  );

  it("with one click (default) a P0–P2 alert waits on the panel; opening it twice gives the same incident", async () => {
    const hikariFiring = CAPTURES[1];
    const res = await send(hikariFiring);
    expect(res.json).toMatchObject({ received: 1, outcomes: [{ alertname: "HikariPoolExhausted", outcome: "firing", incidentId: null }] });
    const commander = await actorFor("commander");
    const first = await openIncidentForExternal(commander, "f4a9ceea95f92e94");
    const second = await openIncidentForExternal(commander, "f4a9ceea95f92e94");
    expect(first?.created).toBe(true);
    expect(second).toMatchObject({ created: false, incident: { id: first?.incident.id } });
    expect(first?.incident).toMatchObject({ severity: "P1", source: "alert", commander: { name: "Commander Lee" } });
    // the resolve is written on that incident's timeline
    const resolved = CAPTURES.find(
      (b) => JSON.stringify(b).includes('"status":"resolved"') && JSON.stringify(b).includes("f4a9ceea95f92e94"),
    );
    await send(resolved);
    expect((await getTimeline(first!.incident.id)).map((e) => e.kind)).toEqual(["declared", "alert", "alert-resolved"]);
  });

  it("refuses bad payloads with 400 and the reason, and writes nothing", async () => {
    const good = CAPTURES[1] as Record<string, unknown>;
    const alerts = good.alerts as Record<string, unknown>[];
    const cases: [unknown, RegExp][] = [
      ["{not json", /not JSON/],
      [{ ...good, version: "3" }, /version.*"3"/],
      [{ ...good, alerts: undefined }, /alerts is required/],
      [{ ...good, alerts: [{ ...alerts[0], fingerprint: undefined }] }, /alerts\[0\]\.fingerprint is required/],
      [{ ...good, alerts: [{ ...alerts[0], status: "exploded" }] }, /alerts\[0\]\.status/],
      [{ ...good, alerts: [{ ...alerts[0], startsAt: "yesterday" }] }, /startsAt is not an RFC 3339 timestamp/],
      [[], /array/],
    ];
    const before = await featureCounts();
    for (const [body, reason] of cases) {
      const res = await send(body);
      expect(res.status).toBe(400);
      expect(res.json.error?.code).toBe("bad_request");
      expect(res.json.error?.message).toMatch(reason);
    }
    expect(await featureCounts()).toEqual(before);
  });

  it("refuses a wrong or missing token with 401, and says so when no token is configured; nothing written", async () => {
    const before = await featureCounts();
    const wrong = await send(CAPTURES[1], "Bearer not-the-token");
    expect(wrong).toMatchObject({ status: 401, json: { error: { code: "unauthorized", message: "Wrong Alertmanager webhook token." } } });
    const missing = await send(CAPTURES[1], null);
    expect(missing.status).toBe(401);
    expect(missing.json.error?.message).toMatch(/Missing bearer token/);
    const basic = await send(CAPTURES[1], `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`);
    expect(basic.status).toBe(401);
    const unset = await send(CAPTURES[1], `Bearer ${TOKEN}`, null);
    expect(unset.status).toBe(401);
    expect(unset.json.error?.message).toMatch(/not configured.*ALERTMANAGER_TOKEN/);
    expect(await featureCounts()).toEqual(before);
  });

  it("the route handler itself: token from ALERTMANAGER_TOKEN, JSON error shape", async () => {
    const { POST } = await import("@/app/api/integrations/alertmanager/route");
    const ok = await POST(post(CAPTURES[0]));
    expect(ok.status).toBe(200);
    const denied = await POST(post(CAPTURES[0], "Bearer nope"));
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: { code: "unauthorized", message: "Wrong Alertmanager webhook token." } });
  });
});
