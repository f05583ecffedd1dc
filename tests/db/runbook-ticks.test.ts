// Runbook steps ticked off inside an incident: unique per (incident, step), on the timeline with who
// and when, audited; untick allowed and recorded; viewers refused.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { declareIncident } from "@/lib/server/incidents";
import { listTicks, tickStep, untickStep } from "@/lib/server/diagnostics/ticks";
import { AppError } from "@/lib/server/errors";
import type { Actor } from "@/lib/server/actor";
import { actorsFor } from "../support/actors";
import { diagCounts } from "./diagnostics-support";

const STEP = "redis-lock-timeout.respond.1";
let commander: Actor;
let responder: Actor;
let viewer: Actor;

beforeAll(async () => {
  ({ commander, responder, viewer } = await actorsFor("commander", "responder", "viewer"));
});

const declare = () => declareIncident(commander, { title: "Lock timeouts", severity: "P1", scenario: "redis-lock-timeout" });

describe(`runbook ticks on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("a tick is recorded once, on the timeline with who and when, and audited", async () => {
    const incident = await declare();
    const first = await tickStep(responder, incident.id, STEP);
    expect(first).toMatchObject({ created: true, tick: { stepId: STEP, actorName: responder.label } });
    const again = await tickStep(commander, incident.id, STEP);
    expect(again).toMatchObject({ created: false, tick: { actorName: responder.label, tickedAt: first.tick.tickedAt } });

    expect(await prisma.runbookTick.count({ where: { incidentId: incident.id } })).toBe(1);
    const events = await prisma.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "runbook" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorName: responder.label, message: `Runbook step done: Restart Redis (${STEP})` });
    expect(events[0].createdAt.toISOString()).toBe(first.tick.tickedAt);
    expect(events[0].data).toMatchObject({ action: "tick", stepId: STEP, text: { ko: "Redis 재시작" } });
    expect(await prisma.auditLog.count({ where: { action: "runbook.tick", entityId: String(incident.id) } })).toBe(1);
    expect(await listTicks(incident.id)).toEqual([first.tick]);
  });

  it("two people ticking the same step at once leave one tick and one timeline event", async () => {
    const incident = await declare();
    const results = await Promise.all([
      tickStep(responder, incident.id, STEP),
      tickStep(commander, incident.id, STEP),
      tickStep(responder, incident.id, STEP),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.tick.tickedAt)).size).toBe(1);
    expect(await prisma.runbookTick.count({ where: { incidentId: incident.id } })).toBe(1);
    expect(await prisma.timelineEvent.count({ where: { incidentId: incident.id, kind: "runbook" } })).toBe(1);
  });

  it("untick removes the tick and records who reopened the step; unticking again is not found", async () => {
    const incident = await declare();
    await tickStep(responder, incident.id, STEP);
    await untickStep(commander, incident.id, STEP);
    expect(await listTicks(incident.id)).toEqual([]);
    const events = await prisma.timelineEvent.findMany({
      where: { incidentId: incident.id, kind: "runbook" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => (e.data as { action: string }).action)).toEqual(["tick", "untick"]);
    expect(events[1]).toMatchObject({ actorName: commander.label });
    await expect(untickStep(commander, incident.id, STEP)).rejects.toMatchObject({ code: "not_found" });
    // ticking again after an untick is a new tick
    expect((await tickStep(commander, incident.id, STEP)).created).toBe(true);
  });

  it("refuses viewers and unknown steps, writing nothing", async () => {
    const incident = await declare();
    const before = await diagCounts();
    await expect(tickStep(viewer, incident.id, STEP)).rejects.toMatchObject({ code: "forbidden" });
    await expect(untickStep(viewer, incident.id, STEP)).rejects.toMatchObject({ code: "forbidden" });
    const unknown = await tickStep(responder, incident.id, "redis-lock-timeout.respond.99").catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AppError);
    expect((unknown as AppError).code).toBe("validation_failed");
    await expect(tickStep(responder, 99_999_999, STEP)).rejects.toMatchObject({ code: "not_found" });
    expect(await diagCounts()).toEqual(before);
  });
});
