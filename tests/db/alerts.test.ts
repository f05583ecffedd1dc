import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { now as clockNow } from "@/lib/server/clock";
import { runEvaluation } from "@/lib/server/alerts/engine";
import { openIncidentForRuleAlert } from "@/lib/server/alerts/incident-link";
import { readAlerts } from "@/lib/server/alerts/read-model";
import { setAutoOpen } from "@/lib/server/alerts/settings";
import { getTimeline } from "@/lib/server/incidents";
import { conditionHolds } from "@/lib/domain/alert-rules";
import { evaluationSlot } from "@/lib/domain/rule-engine";
import { seedOf, shopValues } from "@/lib/metrics/shop-model";
import { createSimulatorSource } from "@/lib/metrics/simulator";
import { actorFor } from "../support/actors";
import { evaluateSlots, featureCounts, INTERVAL, resetAlerting, ruleNamed } from "./alerts-support";
import { expectAppError } from "../support/app-error";

const ID = "HighErrorRate{}";
const SEED = seedOf("incident-command"); // SIMULATOR_SEED default
const errorRate = ruleNamed("HighErrorRate");

/** The first evaluation slot after `start` where the simulator's 5xx ratio exceeds 5 % with the fault. */
function firstTrueSlot(start: number, faultAt: number): number {
  for (let t = start; ; t += INTERVAL) {
    const v = shopValues(SEED, t, [{ scenario: "connection-pool-exhaustion", startedAt: faultAt }]);
    if (conditionHolds(errorRate, v.error_ratio)) return t;
  }
}

async function injectPoolExhaustion(at: number, endedAt: number | null = null) {
  await prisma.simulatorFault.create({
    data: { scenario: "connection-pool-exhaustion", startedAt: new Date(at), endedAt: endedAt === null ? null : new Date(endedAt) },
  });
}

let T0: number;
beforeEach(async () => {
  await resetAlerting();
  T0 = evaluationSlot(clockNow(), INTERVAL) + 60_000;
});

describe(`alert engine on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("goes inactive → pending → firing for HighErrorRate with the simulator's pool-exhaustion fault, at Prometheus' times", async () => {
    // The engine reads a simulator that knows only this test's fault: the SimulatorFault table is shared
    // with anything else on the database (a drill, another run), and a foreign fault would move the values.
    const source = createSimulatorSource({
      seed: SEED,
      faults: [{ scenario: "connection-pool-exhaustion", startedAt: new Date(T0), endedAt: null }],
    });
    const trueAt = firstTrueSlot(T0, T0);
    const results = await evaluateSlots(T0 - 2 * INTERVAL, trueAt + errorRate.forMs + INTERVAL, { autoOpen: false, source });
    expect(results.every((r) => r.claimed && r.steps === 1)).toBe(true);
    const mine = results.flatMap((r) => r.transitions).filter((t) => t.rule === "HighErrorRate");
    expect(mine.map((t) => [t.to, t.at])).toEqual([
      ["pending", trueAt],
      ["firing", trueAt + errorRate.forMs],
    ]);
    const row = await prisma.alertState.findUniqueOrThrow({ where: { id: ID } });
    expect(row).toMatchObject({ ruleName: "HighErrorRate", state: "firing", incidentId: null });
    expect(row.activeAt?.getTime()).toBe(trueAt);
    expect(row.firedAt?.getTime()).toBe(trueAt + errorRate.forMs);
    expect(row.value).toBeGreaterThan(0.05);
    // every transition is in the audit log, written by the rule's engine actor
    const audit = await prisma.auditLog.findMany({ where: { entity: "alert", entityId: ID }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorLabel, a.createdAt.getTime()])).toEqual([
      ["alert.pending", "alert:HighErrorRate", trueAt],
      ["alert.firing", "alert:HighErrorRate", trueAt + errorRate.forMs],
    ]);
    // the API's read model
    const api = await readAlerts();
    const rule = api.rules.find((r) => r.name === "HighErrorRate");
    expect(rule).toMatchObject({ state: "firing", severity: "P0", canOpen: true, autoOpens: true, health: "ok" });
    expect(rule?.current?.firedAt).toBe(new Date(trueAt + errorRate.forMs).toISOString());
    expect(api.rules.find((r) => r.name === "DiskSpaceLow")).toMatchObject({ state: "inactive" });
    expect(api.rules.find((r) => r.name === "DiskSpaceLow")?.current?.value).toBeGreaterThan(20);
  });

  it("catches up after a gap (restart, test-clock jump): one evaluation replays the missed slots with the same decisions", async () => {
    await injectPoolExhaustion(T0);
    const trueAt = firstTrueSlot(T0, T0);
    await runEvaluation({ at: new Date(T0 - INTERVAL), intervalMs: INTERVAL, autoOpen: false });
    const jump = await runEvaluation({ at: new Date(trueAt + errorRate.forMs + 30_000), intervalMs: INTERVAL, autoOpen: false });
    expect(jump.steps).toBe((trueAt + errorRate.forMs + 30_000 - T0) / INTERVAL + 1);
    expect(jump.transitions.filter((t) => t.rule === "HighErrorRate").map((t) => [t.to, t.at])).toEqual([
      ["pending", trueAt],
      ["firing", trueAt + errorRate.forMs],
    ]);
  });

  it("evaluates each slot once: a second instance asking for the same slot is told it was claimed", async () => {
    const [a, b] = await Promise.all([
      runEvaluation({ at: new Date(T0), intervalMs: INTERVAL, instanceId: "a", autoOpen: false }),
      runEvaluation({ at: new Date(T0), intervalMs: INTERVAL, instanceId: "b", autoOpen: false }),
    ]);
    expect([a.claimed, b.claimed].sort()).toEqual([false, true]);
    expect((await runEvaluation({ at: new Date(T0 + 1_000), intervalMs: INTERVAL })).claimed).toBe(false); // same slot
  });

  it("auto-open creates exactly one incident from the alert, started at the first alert, with rule, value and chart on the timeline", async () => {
    const admin = await actorFor("admin");
    await setAutoOpen(admin, true);
    await injectPoolExhaustion(T0);
    const trueAt = firstTrueSlot(T0, T0);
    const firedAt = trueAt + errorRate.forMs;
    const before = await featureCounts();
    const results = await evaluateSlots(T0, firedAt + 6 * INTERVAL);
    const opened = results.flatMap((r) => r.opened);
    expect(opened).toHaveLength(1);
    const after = await featureCounts();
    expect(after.incidents - before.incidents).toBe(1);
    const incident = await prisma.incident.findUniqueOrThrow({ where: { id: opened[0] } });
    expect(incident).toMatchObject({ source: "alert", severity: "P0", isDrill: false, status: "investigating", commanderId: null });
    expect(incident.startedAt.getTime()).toBe(firedAt);
    expect(incident.title).toMatch(/^HighErrorRate: 5xx 에러 비율 [\d.]+ % \(> 5 %\)$/);
    const timeline = await getTimeline(incident.id);
    expect(timeline.map((e) => e.kind)).toEqual(["declared", "alert"]);
    expect(timeline[0].actorName).toBe("alert:HighErrorRate");
    expect(timeline[1].message).toContain("알람 HighErrorRate 발생");
    expect(timeline[1].message).toContain("/metrics?signal=error_ratio");
    expect(timeline[1].data).toMatchObject({
      rule: "HighErrorRate",
      signal: "error_ratio",
      threshold: 0.05,
      comparator: ">",
      firedAt: new Date(firedAt).toISOString(),
    });
    expect((timeline[1].data as { value: number }).value).toBeGreaterThan(0.05);
    expect((await prisma.alertState.findUniqueOrThrow({ where: { id: ID } })).incidentId).toBe(incident.id);

    // one click on the same alert finds the same incident
    const commander = await actorFor("commander");
    const again = await openIncidentForRuleAlert(commander, ID);
    expect(again).toMatchObject({ created: false, incident: { id: incident.id } });
    expect((await featureCounts()).incidents).toBe(after.incidents);
  });

  it("records the resolve on the incident's timeline when the condition clears, and a re-fire joins the open incident", async () => {
    await injectPoolExhaustion(T0);
    const trueAt = firstTrueSlot(T0, T0);
    const firedAt = trueAt + errorRate.forMs;
    const opened = (await evaluateSlots(T0, firedAt, { autoOpen: true })).flatMap((r) => r.opened);
    expect(opened).toHaveLength(1);
    const end = firedAt + 30_000;
    await prisma.simulatorFault.updateMany({ data: { endedAt: new Date(end) } });
    const results = await evaluateSlots(firedAt + INTERVAL, end + 3 * 60_000, { autoOpen: true });
    const resolved = results.flatMap((r) => r.transitions).filter((t) => t.rule === "HighErrorRate" && t.to === "resolved");
    expect(resolved).toHaveLength(1);
    const row = await prisma.alertState.findUniqueOrThrow({ where: { id: ID } });
    expect(row).toMatchObject({ state: "inactive", incidentId: opened[0] });
    expect(row.resolvedAt?.getTime()).toBe(resolved[0].at);
    const timeline = await getTimeline(opened[0]);
    expect(timeline.map((e) => e.kind)).toEqual(["declared", "alert", "alert-resolved"]);
    expect(timeline[2].message).toContain("알람 HighErrorRate 해소");
    expect((await prisma.incident.findUniqueOrThrow({ where: { id: opened[0] } })).status).toBe("investigating"); // people resolve, not alerts

    // the fault comes back while the incident is still open: recorded there, no second incident
    const second = end + 4 * 60_000;
    await injectPoolExhaustion(second);
    const trueAgain = firstTrueSlotWith(second, [
      { scenario: "connection-pool-exhaustion", startedAt: T0, endedAt: end },
      { scenario: "connection-pool-exhaustion", startedAt: second },
    ]);
    const refire = await evaluateSlots(end + 3 * 60_000 + INTERVAL, trueAgain + errorRate.forMs, { autoOpen: true });
    expect(refire.flatMap((r) => r.opened)).toEqual([]);
    const kinds = (await getTimeline(opened[0])).map((e) => e.kind);
    expect(kinds).toEqual(["declared", "alert", "alert-resolved", "alert"]);
  });

  it("one click (the default): nothing opens by itself; a commander opens it once; a viewer may not; pending cannot be opened", async () => {
    await injectPoolExhaustion(T0);
    const trueAt = firstTrueSlot(T0, T0);
    await evaluateSlots(T0, trueAt);
    const commander = await actorFor("commander");
    const viewer = await actorFor("viewer");
    await expectAppError(openIncidentForRuleAlert(commander, ID), "conflict"); // still pending
    const results = await evaluateSlots(trueAt + INTERVAL, trueAt + errorRate.forMs);
    expect(results.flatMap((r) => r.opened)).toEqual([]);
    expect((await readAlerts()).autoOpen).toBe(false);
    const before = await featureCounts();
    await expectAppError(openIncidentForRuleAlert(viewer, ID), "forbidden");
    expect(await featureCounts()).toEqual(before);
    const [first, second] = await Promise.all(
      [openIncidentForRuleAlert(commander, ID), openIncidentForRuleAlert(commander, ID)].map((p) => p.catch((e: unknown) => e)),
    );
    const results2 = [first, second].filter(
      (r): r is { created: boolean; incident: { id: number } } => !(r instanceof Error) && r !== null,
    );
    expect(results2.filter((r) => r.created)).toHaveLength(1);
    expect((await featureCounts()).incidents).toBe(before.incidents + 1);
    const created = results2.find((r) => r.created)!;
    const incident = await prisma.incident.findUniqueOrThrow({ where: { id: created.incident.id } });
    expect(incident.commanderId).toBe(commander.userId); // the commander who clicked takes it
    expect((await getTimeline(incident.id)).map((e) => e.kind)).toEqual(["declared", "alert"]);
  });

  it("a source that fails keeps the alerts and records the error; the next good evaluation catches up", async () => {
    await injectPoolExhaustion(T0);
    const trueAt = firstTrueSlot(T0, T0);
    await evaluateSlots(T0, trueAt, { autoOpen: false });
    const broken = {
      kind: "prometheus" as const,
      displayUrl: "http://127.0.0.1:9",
      queries: {} as never,
      instant: () => Promise.reject(new Error("Prometheus at http://127.0.0.1:9 unreachable: connect ECONNREFUSED")),
      range: () => Promise.reject(new Error("Prometheus at http://127.0.0.1:9 unreachable: connect ECONNREFUSED")),
      query: () => Promise.reject(new Error("unused")),
      queryRange: () => Promise.reject(new Error("unused")),
      alertingRules: () => Promise.reject(new Error("unused")),
    };
    const failed = await runEvaluation({ at: new Date(trueAt + INTERVAL), intervalMs: INTERVAL, source: broken, autoOpen: false });
    expect(failed.claimed).toBe(true);
    const api = await readAlerts();
    expect(api.rules.find((r) => r.name === "HighErrorRate")).toMatchObject({
      state: "pending",
      health: "err",
      lastError: expect.stringContaining("unreachable"),
    });
    const next = await runEvaluation({ at: new Date(trueAt + errorRate.forMs), intervalMs: INTERVAL, autoOpen: false });
    expect(next.steps).toBe(errorRate.forMs / INTERVAL); // from the slot after the last good one
    expect(next.transitions.filter((t) => t.rule === "HighErrorRate").map((t) => t.to)).toEqual(["firing"]);
    expect((await readAlerts()).rules.find((r) => r.name === "HighErrorRate")?.health).toBe("ok");
  });
});

function firstTrueSlotWith(
  start: number,
  faults: { scenario: "connection-pool-exhaustion"; startedAt: number; endedAt?: number }[],
): number {
  for (let t = start; ; t += INTERVAL) if (conditionHolds(errorRate, shopValues(SEED, t, faults).error_ratio)) return t;
}
