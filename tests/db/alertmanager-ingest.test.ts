// The webhook takes a payload whole or refuses it whole: bad characters and sizes are found before
// anything is written (400 naming the alert and the field), and a payload whose storing was cut short
// is finished exactly once by Alertmanager's retry.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { now as clockNow } from "@/lib/server/clock";
import { handleAlertmanagerWebhook, ingestAlertmanager } from "@/lib/server/alerts/alertmanager";
import { storeAlerts } from "@/lib/server/alerts/ingest-store";
import { setAutoOpen } from "@/lib/server/alerts/settings";
import { getTimeline } from "@/lib/server/incidents";
import { parseAlertmanagerWebhook } from "@/lib/domain/alertmanager";
import { actorFor } from "../support/actors";
import { featureCounts, resetAlerting } from "./alerts-support";

const TOKEN = "am-test-token-0123456789abcdef";

/** A NodeDown group of `n` nodes as Alertmanager sends it. */
function nodeDown(n: number, status: "firing" | "resolved", startsAt: number, prefix = "node") {
  const alerts = Array.from({ length: n }, (_, i) => ({
    status,
    labels: {
      alertname: "NodeDown",
      severity: "critical",
      job: "node",
      cluster: "prod",
      instance: `${prefix}-${String(i + 1).padStart(4, "0")}`,
    },
    annotations: { summary: `${prefix}-${String(i + 1).padStart(4, "0")} is down`, runbook: "https://runbooks/node-down" },
    startsAt: new Date(startsAt).toISOString(),
    endsAt: status === "resolved" ? new Date(startsAt + 300_000).toISOString() : "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus:9090/graph?g0.expr=up+%3D%3D+0",
    fingerprint: `${prefix}fp${String(i).padStart(12, "0")}`,
  }));
  return {
    version: "4",
    receiver: "incident-command",
    status,
    groupKey: '{}:{alertname="NodeDown"}',
    groupLabels: { alertname: "NodeDown" },
    commonLabels: { alertname: "NodeDown", severity: "critical", job: "node", cluster: "prod" },
    commonAnnotations: { runbook: "https://runbooks/node-down" },
    externalURL: "http://alertmanager:9093",
    truncatedAlerts: 0,
    alerts,
  };
}

async function post(body: unknown, headers: Record<string, string> = {}) {
  const request = new Request("http://localhost/api/integrations/alertmanager", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const res = await handleAlertmanagerWebhook(request, TOKEN);
  return {
    status: res.status,
    json: (await res.json()) as { error?: { code: string; message: string; fields?: Record<string, string>; alerts?: number[] } } & Record<
      string,
      unknown
    >,
  };
}

let T0: number;
beforeEach(async () => {
  await resetAlerting();
  T0 = Math.floor(clockNow().getTime() / 1000) * 1000 - 60_000;
});

describe(`Alertmanager ingestion on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("refuses a NUL character or a lone surrogate anywhere in the payload with 400 naming the alert and field; nothing is written, not even the good alerts before it", async () => {
    const before = await featureCounts();
    const nul = nodeDown(300, "firing", T0);
    nul.alerts[250].labels.instance = "node-\u0000-250";
    const a = await post(nul);
    expect(a.status).toBe(400);
    expect(a.json.error?.code).toBe("bad_request");
    expect(a.json.error?.message).toContain("alerts[250].labels.instance contains a NUL character");
    expect(a.json.error?.fields).toHaveProperty(["alerts[250].labels.instance"]);
    expect(a.json.error?.alerts).toEqual([250]);

    // A lone surrogate, as JSON text sends it ("\ud83d" without its pair), in an annotation; in Korean
    const sur = JSON.stringify(nodeDown(3, "firing", T0)).replace('"node-0002 is down"', '"node-0002 is down \\ud83d"');
    const b = await post(sur, { "accept-language": "ko-KR,ko;q=0.9" });
    expect(b.status).toBe(400);
    expect(b.json.error?.message).toMatch(
      /^Alertmanager 페이로드 거부: alerts\[1\]\.annotations\.summary의 19번째 문자에 짝이 없는 UTF-16 서로게이트/,
    );

    const long = nodeDown(2, "firing", T0);
    long.alerts[1].fingerprint = "f".repeat(500);
    const c = await post(long);
    expect(c.status).toBe(400);
    expect(c.json.error?.message).toContain("alerts[1].fingerprint is 500 characters long; at most 128 are accepted");

    expect(await featureCounts()).toEqual(before);
  });

  it(
    "a 5,000-node group: one incident titled from the common labels, one timeline row per change with counts and instances",
    { timeout: 120_000 },
    async () => {
      await setAutoOpen(await actorFor("admin"), true);
      const firing = await post(nodeDown(5000, "firing", T0));
      expect(firing.status).toBe(200);
      expect(firing.json.counts).toMatchObject({ opened: 5000 });
      const incidentIds = new Set((firing.json.outcomes as { incidentId: number }[]).map((o) => o.incidentId));
      expect(incidentIds.size).toBe(1);
      const [incidentId] = [...incidentIds];
      const incident = await prisma.incident.findUniqueOrThrow({ where: { id: incidentId } });
      expect(incident).toMatchObject({ title: "NodeDown ×5000 (cluster=prod, job=node)", severity: "P1" });
      let timeline = await getTimeline(incidentId);
      expect(timeline.map((e) => e.kind)).toEqual(["declared", "alert"]);
      expect(timeline[1].message).toBe(
        "Alertmanager 알람 NodeDown: 발생 5000건(node-0001, node-0002, node-0003, node-0004, node-0005, node-0006, node-0007, node-0008, node-0009, node-0010 외 4990건) · 현재 발생 중 5000건",
      );
      expect(await prisma.alertmanagerAlert.count({ where: { followUp: { not: null } } })).toBe(0);

      // the re-send (repeat_interval) only counts
      const before = await featureCounts();
      const again = await post(nodeDown(5000, "firing", T0));
      expect(again.json.counts).toMatchObject({ repeat: 5000 });
      expect(await featureCounts()).toEqual(before);

      // 40 nodes come back: one row naming them
      const partial = nodeDown(5000, "resolved", T0);
      partial.alerts = partial.alerts.slice(0, 40);
      await post(partial);
      timeline = await getTimeline(incidentId);
      expect(timeline.map((e) => e.kind)).toEqual(["declared", "alert", "alert-resolved"]);
      expect(timeline[2].message).toContain("해소 40건(node-0001,");
      expect(timeline[2].message).toContain("외 30건) · 현재 발생 중 4960건");
    },
  );

  it("a payload whose storing was cut short (a crash after the first batch) is finished exactly once by the retry", async () => {
    await setAutoOpen(await actorFor("admin"), true);
    const lastId = (await prisma.incident.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    const body = nodeDown(1200, "firing", T0, "web");
    // the first 500 alerts are stored and marked, then the process dies: no incident yet
    await storeAlerts(parseAlertmanagerWebhook(body).alerts.slice(0, 500), clockNow());
    expect(await prisma.alertmanagerAlert.count({ where: { followUp: "firing" } })).toBe(500);

    const retry = await post(body);
    expect(retry.status).toBe(200);
    expect(retry.json.counts).toMatchObject({ repeat: 500, opened: 700 });
    const created = await prisma.incident.findMany({ where: { id: { gt: lastId } } });
    expect(created).toHaveLength(1);
    expect(await prisma.alertmanagerAlert.count({ where: { incidentId: created[0].id } })).toBe(1200);
    expect(await prisma.alertmanagerAlert.count({ where: { followUp: { not: null } } })).toBe(0);
    const timeline = await getTimeline(created[0].id);
    expect(timeline.map((e) => e.kind)).toEqual(["declared", "alert"]);
    expect(timeline[1].data).toMatchObject({ fired: 1200, firingNow: 1200 });
    expect(await prisma.auditLog.count({ where: { entity: "alertmanagerAlert", entityId: { startsWith: "webfp" } } })).toBe(1200);

    // and a second retry changes nothing
    const before = await featureCounts();
    await post(body);
    expect(await featureCounts()).toEqual(before);
  });

  it("auto-open off: a marked change is cleared (the group waits for one click), never opens by itself", async () => {
    const lastId = (await prisma.incident.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    const res = await ingestAlertmanager(parseAlertmanagerWebhook(nodeDown(20, "firing", T0)), { autoOpen: false });
    expect(res.counts).toMatchObject({ firing: 20 });
    expect(await prisma.incident.count({ where: { id: { gt: lastId } } })).toBe(0);
    expect(await prisma.alertmanagerAlert.count({ where: { followUp: { not: null } } })).toBe(0);
  });
});
