import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { advanceClock, now as clockNow } from "@/lib/server/clock";
import { runEvaluation } from "@/lib/server/alerts/engine";
import { endDrill, getDrill, listDrills, startDrill } from "@/lib/server/alerts/drills";
import { readAlerts } from "@/lib/server/alerts/read-model";
import { changeIncident, getIncident } from "@/lib/server/incidents";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "../support/actors";
import { featureCounts, INTERVAL, resetAlerting } from "./alerts-support";
import { expectAppError } from "../support/app-error";
import { getEscalationBoard, getIncidentEscalation } from "@/lib/server/escalations/read-model";
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";

const MIN = 60_000;

/** Move the app clock by `ms` in evaluation-sized steps, evaluating each slot as the loop would. */
async function run(ms: number, autoOpen: boolean): Promise<number[]> {
  const opened: number[] = [];
  for (let t = 0; t < ms; t += INTERVAL) {
    advanceClock(INTERVAL);
    opened.push(...(await runEvaluation({ at: clockNow(), intervalMs: INTERVAL, autoOpen })).opened);
  }
  return opened;
}

let commander: Actor;
let responder: Actor;
beforeEach(async () => {
  await resetAlerting();
  commander = await actorFor("commander");
  responder = await actorFor("responder");
});

describe(`drills on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("only commanders and admins start drills, one at a time; nothing is written when refused", async () => {
    const before = await featureCounts();
    await expectAppError(startDrill(responder, "db-deadlock"), "forbidden");
    expect(await featureCounts()).toEqual(before);
    const drill = await startDrill(commander, "db-deadlock");
    expect(drill).toMatchObject({
      scenario: "db-deadlock",
      startedByName: "Commander Lee",
      endedAt: null,
      expectedRules: ["PaymentFailureSpike"],
      incident: null,
    });
    const fault = await prisma.simulatorFault.findFirstOrThrow({ where: { drillId: drill.id } });
    expect(fault).toMatchObject({ scenario: "db-deadlock", endedAt: null });
    const during = await featureCounts();
    await expectAppError(startDrill(await actorFor("admin"), "redis-cache-down"), "conflict");
    expect(await featureCounts()).toEqual(during);
    expect((await readAlerts()).activeDrill?.id).toBe(drill.id);

    const ended = await endDrill(commander, drill.id);
    expect(ended.endedAt).not.toBeNull();
    expect((await prisma.simulatorFault.findFirstOrThrow({ where: { drillId: drill.id } })).endedAt).not.toBeNull();
    await expectAppError(endDrill(commander, drill.id), "conflict");
    expect((await readAlerts()).activeDrill).toBeNull();
    const next = await startDrill(commander, "redis-cache-down");
    await endDrill(commander, next.id);
    const audit = await prisma.auditLog.findMany({ where: { entity: "drill", entityId: drill.id } });
    expect(audit.map((a) => a.action).sort()).toEqual(["drill.end", "drill.start"]);
  });

  it("pool exhaustion drill: the rule fires, a drill incident opens and the drill times acknowledge, diagnose and mitigate against P0's 15 min", async () => {
    await runEvaluation({ at: clockNow(), intervalMs: INTERVAL, autoOpen: true });
    const drill = await startDrill(commander, "connection-pool-exhaustion");
    const opened = await run(3 * MIN, true);
    expect(opened.length).toBeGreaterThanOrEqual(1);
    const drilled = await getDrill(drill.id);
    expect(drilled.incident).not.toBeNull();
    const incident = await getIncident(drilled.incident!.id);
    expect(incident).toMatchObject({
      isDrill: true,
      source: "alert",
      severity: "P0",
      scenario: "connection-pool-exhaustion",
      commander: null,
    });
    expect(drilled.timings.detectMs).toBe(Date.parse(incident.startedAt) - Date.parse(drill.startedAt));
    expect(drilled.timings.detectMs).toBeGreaterThan(2 * MIN); // ramp-in + the rule's `for: 2m`
    expect(drilled.timings).toMatchObject({
      acknowledgedAt: null,
      diagnosedAt: null,
      mitigatedAt: null,
      targetMs: 15 * MIN,
      withinTarget: null,
    });

    // the commander takes it a minute after it opened, identifies the cause, mitigates
    const startedAt = Date.parse(incident.startedAt);
    advanceClock(startedAt + MIN - clockNow().getTime());
    let v = (await changeIncident(commander, incident.id, { commanderId: commander.userId, version: incident.version })).version;
    advanceClock(2 * MIN);
    v = (await changeIncident(commander, incident.id, { status: "identified", version: v })).version;
    advanceClock(4 * MIN);
    v = (await changeIncident(responder, incident.id, { status: "mitigated", version: v })).version;
    advanceClock(MIN);
    await changeIncident(responder, incident.id, { status: "identified", version: v }).catch(() => undefined); // refused: backwards

    const timed = await getDrill(drill.id);
    // the app clock also moves with real time between the steps: allow a few seconds
    const near = (ms: number | null, expected: number) => expect(Math.abs((ms ?? -1e9) - expected)).toBeLessThan(5_000);
    near(timed.timings.acknowledgeMs, MIN);
    near(timed.timings.diagnoseMs, 3 * MIN);
    near(timed.timings.mitigateMs, 7 * MIN);
    expect(timed.timings).toMatchObject({ targetMs: 15 * MIN, withinTarget: true });
    const events = await prisma.timelineEvent.findMany({
      where: { incidentId: incident.id, kind: { in: ["commander", "status"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.createdAt.toISOString())).toEqual([
      timed.timings.acknowledgedAt,
      timed.timings.diagnosedAt,
      timed.timings.mitigatedAt,
    ]);
    const list = await listDrills();
    expect(list[0]).toMatchObject({ id: drill.id, incident: { id: incident.id, severity: "P0" } });

    await endDrill(commander, drill.id);
    const faults = await prisma.simulatorFault.findMany({ where: { drillId: drill.id } });
    expect(faults.every((f) => f.endedAt !== null)).toBe(true);
    // ending closes the drill incident; the team's own timings stay as they were
    expect((await getIncident(incident.id)).status).toBe("resolved");
    expect((await getDrill(drill.id)).timings).toMatchObject({ mitigatedAt: timed.timings.mitigatedAt, withinTarget: true });
  });

  it("ending a drill resolves its open incident in the ender's language, its escalation steps stop, and the drill is not timed as mitigated", async () => {
    await runEvaluation({ at: clockNow(), intervalMs: INTERVAL, autoOpen: true });
    const drill = await startDrill(commander, "connection-pool-exhaustion");
    await run(3 * MIN, true);
    const incidentId = (await getDrill(drill.id)).incident!.id;
    const open = await getIncident(incidentId);
    expect(open).toMatchObject({ isDrill: true, status: "investigating", severity: "P0" });
    // one language (the engine writes the manual's Korean) and the chart as one in-app path, shown as 차트 in the room
    expect(open.description).toMatch(/^5xx 에러 비율이 2분 동안 5%를 넘음 → P0 알람\n\/metrics\?signal=error_ratio&[^\s]+$/);
    expect(open.description).not.toMatch(/5xx error ratio above/);
    expect((await getIncidentEscalation(commander, incidentId)).steps.some((s) => s.state === "pending")).toBe(true);

    const ended = await endDrill(commander, drill.id, "en");
    expect(ended.incident).toMatchObject({ id: incidentId, status: "resolved" });
    expect(ended.timings).toMatchObject({ mitigatedAt: null, withinTarget: null });
    const resolved = await prisma.timelineEvent.findFirstOrThrow({ where: { incidentId, kind: "resolved" } });
    expect((resolved.data as { reason?: string }).reason).toBe("Drill ended: the drill incident is closed");

    // no more countdown or pages: nothing pending, not on the board, and the scheduler fires nothing for it later
    const escalation = await getIncidentEscalation(commander, incidentId);
    expect(escalation.open).toBe(false);
    expect(escalation.next).toBeNull();
    expect(escalation.steps.filter((s) => s.state === "pending" || s.state === "due")).toEqual([]);
    expect((await getEscalationBoard(commander)).items.map((i) => i.incident.id)).not.toContain(incidentId);
    advanceClock(60 * MIN);
    const tick = await runSchedulerTick(clockNow(), "drills-test");
    expect(tick.fired.filter((f) => f.incidentId === incidentId)).toEqual([]);
    expect(await prisma.escalationFiring.count({ where: { incidentId, firedAt: { not: null } } })).toBe(0);
  });

  it("a drill incident opened by a commander's one click counts as acknowledged at once", async () => {
    await runEvaluation({ at: clockNow(), intervalMs: INTERVAL, autoOpen: false });
    const drill = await startDrill(commander, "connection-pool-exhaustion");
    await run(3 * MIN, false);
    const alerts = await readAlerts();
    const rule = alerts.rules.find((r) => r.name === "HighErrorRate");
    expect(rule?.state).toBe("firing");
    const { openIncidentForRuleAlert } = await import("@/lib/server/alerts/incident-link");
    advanceClock(30_000);
    const result = await openIncidentForRuleAlert(commander, rule!.current!.id);
    expect(result?.incident).toMatchObject({ isDrill: true, commander: { name: "Commander Lee" } });
    const timed = await getDrill(drill.id);
    expect(timed.incident?.id).toBe(result?.incident.id);
    expect(timed.timings.acknowledgedAt).toBe(result!.incident.createdAt); // the declaration by the commander
    await endDrill(commander, drill.id);
  });
});
