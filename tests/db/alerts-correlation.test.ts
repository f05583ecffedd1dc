// One problem, one incident: the app's own rule and Alertmanager's alert of the same name (the rules
// exported to Prometheus and sent back through Alertmanager) join one incident, which is declared —
// and pages — once, whichever arrives first.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { now as clockNow } from "@/lib/server/clock";
import { ingestAlertmanager, openIncidentForExternal } from "@/lib/server/alerts/alertmanager";
import { setAutoOpen } from "@/lib/server/alerts/settings";
import { getTimeline } from "@/lib/server/incidents";
import { parseAlertmanagerWebhook } from "@/lib/domain/alertmanager";
import { conditionHolds } from "@/lib/domain/alert-rules";
import { evaluationSlot } from "@/lib/domain/rule-engine";
import { seedOf, shopValues } from "@/lib/metrics/shop-model";
import { actorFor } from "../support/actors";
import { evaluateSlots, INTERVAL, resetAlerting, ruleNamed } from "./alerts-support";

const SEED = seedOf("incident-command");
const errorRate = ruleNamed("HighErrorRate");

function firstTrueSlot(start: number, faultAt: number): number {
  for (let t = start; ; t += INTERVAL) {
    const v = shopValues(SEED, t, [{ scenario: "connection-pool-exhaustion", startedAt: faultAt }]);
    if (conditionHolds(errorRate, v.error_ratio)) return t;
  }
}

/** What Prometheus' Alertmanager posts for the exported HighErrorRate rule (labels of rules.yml). */
function amHighErrorRate(startsAt: number, status: "firing" | "resolved" = "firing", fingerprint = "c0ffee0000000001") {
  return parseAlertmanagerWebhook({
    version: "4",
    receiver: "incident-command",
    status,
    groupKey: '{}:{alertname="HighErrorRate"}',
    groupLabels: { alertname: "HighErrorRate" },
    commonLabels: { alertname: "HighErrorRate", severity: "P0" },
    commonAnnotations: {},
    externalURL: "http://alertmanager:9093",
    truncatedAlerts: 0,
    alerts: [
      {
        status,
        labels: { alertname: "HighErrorRate", severity: "P0", job: "shop" },
        annotations: { summary: "HighErrorRate: 30.2 % (> 5 % for 2m)" },
        startsAt: new Date(startsAt).toISOString(),
        endsAt: status === "resolved" ? new Date(startsAt + 600_000).toISOString() : "0001-01-01T00:00:00Z",
        generatorURL: "http://prometheus:9090/graph",
        fingerprint,
      },
    ],
  });
}

async function declaredPages(incidentIds: number[]) {
  const rows = await prisma.notification.findMany({
    where: { event: "declared", incidentId: { in: incidentIds } },
    select: { incidentId: true },
  });
  return new Set(rows.map((r) => r.incidentId));
}

let T0: number;
beforeEach(async () => {
  await resetAlerting();
  T0 = evaluationSlot(clockNow(), INTERVAL) + 60_000;
});

describe(`correlation on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("Alertmanager first, then the app's engine: one incident, declared once, the rule joins it", async () => {
    await setAutoOpen(await actorFor("admin"), true);
    const lastId = (await prisma.incident.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    const res = await ingestAlertmanager(amHighErrorRate(T0));
    expect(res.outcomes[0]).toMatchObject({ outcome: "opened" });
    const incidentId = res.outcomes[0].incidentId!;
    const incident = await prisma.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.title).toBe("HighErrorRate: 30.2 % (> 5 % for 2m)"); // never "HighErrorRate: HighErrorRate: …"
    expect(incident.severity).toBe("P0");

    await prisma.simulatorFault.create({ data: { scenario: "connection-pool-exhaustion", startedAt: new Date(T0) } });
    const firedAt = firstTrueSlot(T0, T0) + errorRate.forMs;
    const results = await evaluateSlots(T0, firedAt + 2 * INTERVAL);
    expect(results.flatMap((r) => r.opened)).toEqual([]);
    expect((await prisma.alertState.findUniqueOrThrow({ where: { id: "HighErrorRate{}" } })).incidentId).toBe(incidentId);

    const created = await prisma.incident.findMany({ where: { id: { gt: lastId } } });
    expect(created.map((i) => i.id)).toEqual([incidentId]);
    expect([...(await declaredPages([incidentId]))]).toEqual([incidentId]);
    const timeline = await getTimeline(incidentId);
    expect(timeline.map((e) => e.kind)).toEqual(["declared", "alert", "alert"]);
    expect(timeline[2].message).toContain("앱 규칙 HighErrorRate도 발생");
  });

  it("the engine first, then Alertmanager: the webhook's alert joins the engine's incident", async () => {
    await setAutoOpen(await actorFor("admin"), true);
    const lastId = (await prisma.incident.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    await prisma.simulatorFault.create({ data: { scenario: "connection-pool-exhaustion", startedAt: new Date(T0) } });
    const firedAt = firstTrueSlot(T0, T0) + errorRate.forMs;
    const opened = (await evaluateSlots(T0, firedAt + INTERVAL)).flatMap((r) => r.opened);
    expect(opened).toHaveLength(1);

    const res = await ingestAlertmanager(amHighErrorRate(firedAt - 60_000));
    expect(res.outcomes[0]).toMatchObject({ outcome: "attached", incidentId: opened[0] });
    expect((await prisma.incident.findMany({ where: { id: { gt: lastId } } })).map((i) => i.id)).toEqual(opened);
    expect([...(await declaredPages(opened))]).toEqual(opened);
    const timeline = await getTimeline(opened[0]);
    expect(timeline.map((e) => e.kind)).toEqual(["declared", "alert", "alert"]);
    expect(timeline[2].message).toContain("Alertmanager 알람 HighErrorRate");

    // Alertmanager's resolve is written on that incident; a later episode of the key after the
    // incident is resolved opens a new one
    await ingestAlertmanager(amHighErrorRate(firedAt - 60_000, "resolved"));
    expect((await getTimeline(opened[0])).at(-1)?.kind).toBe("alert-resolved");
  });

  it("a second alert of the same name from another group (another fingerprint) joins the open incident too", async () => {
    await setAutoOpen(await actorFor("admin"), true);
    const first = await ingestAlertmanager(amHighErrorRate(T0, "firing", "aaaa000000000001"));
    const second = await ingestAlertmanager(amHighErrorRate(T0 + 30_000, "firing", "aaaa000000000002"));
    expect(second.outcomes[0]).toMatchObject({ outcome: "attached", incidentId: first.outcomes[0].incidentId });
  });

  it("one click with the key's incident open returns it (created: false); without one, opens for the whole group", async () => {
    const commander = await actorFor("commander");
    await ingestAlertmanager(amHighErrorRate(T0, "firing", "bbbb000000000001"), { autoOpen: false });
    await ingestAlertmanager(amHighErrorRate(T0, "firing", "bbbb000000000002"), { autoOpen: false });
    const a = await openIncidentForExternal(commander, "bbbb000000000001");
    expect(a?.created).toBe(true);
    const b = await openIncidentForExternal(commander, "bbbb000000000002");
    expect(b).toMatchObject({ created: false, incident: { id: a?.incident.id } });
    const rows = await prisma.alertmanagerAlert.findMany({ where: { correlationKey: "HighErrorRate" } });
    expect(rows.map((r) => r.incidentId)).toEqual([a?.incident.id, a?.incident.id]);
    expect(a?.incident.title).toBe("HighErrorRate ×2: 30.2 % (> 5 % for 2m)");
  });

  it("two opens racing for one key (engine and webhook at once) declare one incident", async () => {
    await setAutoOpen(await actorFor("admin"), true);
    const lastId = (await prisma.incident.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    const payloads = ["dddd000000000001", "dddd000000000002", "dddd000000000003"].map((fp) => amHighErrorRate(T0, "firing", fp));
    await Promise.all(payloads.map((p) => ingestAlertmanager(p)));
    const created = await prisma.incident.findMany({ where: { id: { gt: lastId } } });
    expect(created).toHaveLength(1);
    const rows = await prisma.alertmanagerAlert.findMany({ where: { correlationKey: "HighErrorRate" } });
    expect(rows.every((r) => r.incidentId === created[0].id && r.followUp === null)).toBe(true);
  });
});
