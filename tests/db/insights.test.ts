// The insights figures from the database (SQLite and PostgreSQL): incidents declared, changed and resolved
// through the services with the app clock moved forward, then read back through the query and the API.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { advanceClock, now as clockNow } from "@/lib/server/clock";
import { changeIncident, declareIncident } from "@/lib/server/incidents";
import { createApiToken } from "@/lib/server/tokens";
import { getInsights } from "@/lib/server/insights/service";
import { ensureStatusComponents } from "@/lib/server/status/components";
import { GET } from "@/app/api/v1/insights/route";
import type { InsightsReport } from "@/lib/domain/insights/types";
import { actorFor } from "../support/actors";

const MIN = 60_000;
/** The real clock moves on between the services' calls: figures agree to within a few seconds. */
const near = (ms: number) => expect.closeTo(ms, -4);
let from: Date;
let to: Date;
const ids: Record<string, number> = {};

beforeAll(async () => {
  advanceClock(30 * 86_400_000); // a quiet stretch of time of its own, after other files' incidents
  from = clockNow();
  const commander = await actorFor("commander");
  const responder = await actorFor("responder");

  // P1 from an alert that fired 3 minutes before the declaration; mitigated at +10, resolved at +20 (23 from the alert).
  const alertStart = new Date(clockNow().getTime() - 3 * MIN);
  let a = await declareIncident(
    responder,
    { title: "Checkout slow", severity: "P1", scenario: "slow-query-surge" },
    { source: "alert", startedAt: alertStart },
  );
  ids.alert = a.id;
  await prisma.timelineEvent.create({
    data: {
      incidentId: a.id,
      kind: "alert",
      actorName: "rule-engine",
      message: "alert",
      data: { rule: "HighResponseTime" },
      createdAt: clockNow(),
    },
  });
  advanceClock(10 * MIN);
  a = await changeIncident(commander, a.id, { status: "mitigated", version: a.version });
  advanceClock(10 * MIN);
  await changeIncident(commander, a.id, { status: "resolved", version: a.version, reason: "fixed" });

  // P2 raised to P0 at +5, resolved at +40: judged as P0 (15 min) and missed. Its team lead acknowledged at +2.
  await ensureStatusComponents();
  const payment = await prisma.statusComponent.findUniqueOrThrow({ where: { slug: "payment" } });
  let b = await declareIncident(responder, {
    title: "Payments failing",
    severity: "P2",
    scenario: "db-deadlock",
    components: [payment.id],
  });
  ids.raised = b.id;
  await prisma.escalationFiring.create({
    data: {
      incidentId: b.id,
      fireKey: "team_lead",
      stepKey: "team_lead",
      role: "team_lead",
      dueAt: clockNow(),
      firedAt: clockNow(),
      acknowledgedAt: new Date(clockNow().getTime() + 2 * MIN),
      acknowledgedBy: "Manager Park",
    },
  });
  advanceClock(5 * MIN);
  b = await changeIncident(commander, b.id, { severity: "P0", version: b.version, reason: "all payments" });
  advanceClock(35 * MIN);
  await changeIncident(commander, b.id, { status: "resolved", version: b.version, reason: "fixed" });
  await prisma.postmortem.create({
    data: {
      incidentId: b.id,
      title: "pm",
      sections: {},
      facts: {},
      checklist: {},
      createdAt: clockNow(),
      updatedAt: clockNow(),
      updatedByName: "x",
    },
  });

  // A drill: left out unless asked for.
  ids.drill = (await declareIncident(commander, { title: "Drill", severity: "P1" }, { isDrill: true })).id;
  advanceClock(MIN);
  to = clockNow();
});

const query = { from: () => from.toISOString(), to: () => to.toISOString() };

describe(`insights on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("computes the figures from stored incidents", async () => {
    const report = await getInsights(await actorFor("manager"), { from: query.from(), to: query.to() }, "en");
    expect(report.totals.incidentIds).toEqual([ids.alert, ids.raised]);
    const p1 = report.bySeverity.find((r) => r.severity === "P1")!;
    expect(p1.mttd).toMatchObject({ n: 1, medianMs: near(3 * MIN) });
    expect(p1.mtta).toMatchObject({ n: 1, medianMs: near(10 * MIN) });
    expect(p1.mttm).toMatchObject({ medianMs: near(13 * MIN) });
    expect(p1.mttr).toMatchObject({ medianMs: near(23 * MIN) });
    expect(p1.target).toMatchObject({ met: 1, missed: 0, share: 1 });
    const p0 = report.bySeverity.find((r) => r.severity === "P0")!;
    expect(p0).toMatchObject({
      count: 1,
      target: { targetMs: 15 * MIN, missed: 1, missedIds: [ids.raised] },
      severityChanged: { count: 1 },
    });
    expect(p0.mtta.medianMs).toEqual(near(2 * MIN));
    expect(report.escalations[0]).toMatchObject({ role: "team_lead", fired: 1, acknowledged: 1, ack: { medianMs: near(2 * MIN) } });
    expect(report.alertRules).toEqual([{ key: "HighResponseTime", count: 1, incidentIds: [ids.alert] }]);
    expect(report.postmortems).toMatchObject({ resolved: 2, written: 1, writtenWithin: 1, lateIds: [ids.alert] });

    const withDrills = await getInsights(await actorFor("admin"), { from: query.from(), to: query.to(), drills: "include" }, "en");
    expect(withDrills.totals.incidentIds).toEqual([ids.alert, ids.raised, ids.drill]);
    const onlyDeadlock = await getInsights(
      await actorFor("commander"),
      { from: query.from(), to: query.to(), scenario: "db-deadlock" },
      "en",
    );
    expect(onlyDeadlock.totals.incidentIds).toEqual([ids.raised]);
    const onlyPayment = await getInsights(await actorFor("manager"), { from: query.from(), to: query.to(), component: "payment" }, "en");
    expect(onlyPayment.totals.incidentIds).toEqual([ids.raised]);
    expect(onlyPayment.filters.component).toBe("payment");
    const unknown = await getInsights(await actorFor("manager"), { from: query.from(), to: query.to(), component: "nope" }, "en");
    expect(unknown.totals.incidentIds).toEqual([]);
  });

  it("answers the same figures over the API, to managers only among the non-admin, non-commander roles", async () => {
    const admin = await actorFor("admin");
    const manager = (await createApiToken(admin, { name: "insights-manager", role: "manager" })).token;
    const responder = (await createApiToken(admin, { name: "insights-responder", role: "responder" })).token;
    const get = (token: string, qs: string, lang = "en") =>
      GET(new Request(`http://test/api/v1/insights?${qs}`, { headers: { authorization: `Bearer ${token}`, "accept-language": lang } }), {
        params: Promise.resolve({}),
      });
    const qs = `from=${encodeURIComponent(query.from())}&to=${encodeURIComponent(query.to())}&severity=P0`;
    const ok = await get(manager, qs);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as InsightsReport;
    expect(body.totals.incidentIds).toEqual([ids.raised]);
    expect(body.filters.severities).toEqual(["P0"]);

    expect((await get(responder, qs)).status).toBe(403);
    const bad = await get(manager, "from=2026-13-40", "ko");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("날짜");
    const reversed = await get(manager, `from=${encodeURIComponent(query.to())}&to=${encodeURIComponent(query.from())}`);
    expect(((await reversed.json()) as { error: { fields: Record<string, string> } }).error.fields.from).toMatch(/before its end/);
  });
});
