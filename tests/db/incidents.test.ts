import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { changeIncident, declareIncident, addNote, getIncident, getTimeline, listIncidents } from "@/lib/server/incidents";
import { advanceClock } from "@/lib/server/clock";
import { AppError } from "@/lib/server/errors";
import type { Actor } from "@/lib/server/actor";
import { counts, actorsFor } from "../support/actors";
import { expectAppError } from "../support/app-error";

let commander: Actor;
let responder: Actor;
let viewer: Actor;

beforeAll(async () => {
  ({ commander, responder, viewer } = await actorsFor("commander", "responder", "viewer"));
});

describe(`incidents on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("declaring writes the incident, its first timeline event and an audit row together", async () => {
    const before = await counts();
    const incident = await declareIncident(commander, { title: "Checkout returns 500", severity: "P0" });
    expect(incident).toMatchObject({ severity: "P0", status: "investigating", version: 1, commander: { name: "Commander Lee" } });
    expect(incident.sla.remainingMs).toBe(15 * 60_000);
    expect(await counts()).toEqual({ incidents: before.incidents + 1, timeline: before.timeline + 1, audit: before.audit + 1 });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entity: "incident", entityId: String(incident.id) } });
    expect(audit).toMatchObject({ action: "incident.declare", actorId: commander.userId, actorLabel: "Commander Lee" });
    expect(audit.after).toMatchObject({ severity: "P0", status: "investigating" });
  });

  it("a viewer cannot declare, change or note, and nothing is written", async () => {
    const target = await declareIncident(responder, { title: "Coupon lag", severity: "P2" });
    const before = await counts();
    await expectAppError(declareIncident(viewer, { title: "x", severity: "P1" }), "forbidden");
    await expectAppError(changeIncident(viewer, target.id, { status: "resolved", version: 1 }), "forbidden");
    await expectAppError(addNote(viewer, target.id, "hi"), "forbidden");
    expect(await counts()).toEqual(before);
  });

  it("walks investigating → identified → mitigated → resolved and reopens, recording each step", async () => {
    const incident = await declareIncident(commander, { title: "Point charge slow", severity: "P1", scenario: "redis-lock-timeout" });
    let v = incident.version;
    for (const status of ["identified", "mitigated", "resolved"] as const) {
      // A P1 resolved without a passing recovery verification must say why (manual section 4).
      const reason = status === "resolved" ? "verified by hand on the point charge API" : undefined;
      const next = await changeIncident(responder, incident.id, { status, version: v, reason });
      expect(next.status).toBe(status);
      expect(next.version).toBe(v + 1);
      v = next.version;
    }
    const resolved = await getIncident(incident.id);
    expect(resolved.resolvedAt).not.toBeNull();
    const reopened = await changeIncident(commander, incident.id, { status: "investigating", reason: "errors are back", version: v });
    expect(reopened).toMatchObject({ status: "investigating", resolvedAt: null });
    const kinds = (await getTimeline(incident.id)).map((e) => e.kind);
    expect(kinds).toEqual(["declared", "status", "status", "resolved", "reopened"]);
  });

  it("an illegal status jump is refused with the reason and writes nothing", async () => {
    const incident = await declareIncident(commander, { title: "DB deadlock", severity: "P1" });
    const moved = await changeIncident(commander, incident.id, { status: "mitigated", version: 1 });
    const before = await counts();
    const error = await expectAppError(
      changeIncident(commander, incident.id, { status: "identified", version: moved.version }),
      "validation_failed",
    );
    expect(error.fields?.status).toMatch(/cannot go back/);
    expect(await counts()).toEqual(before);
    expect((await getIncident(incident.id)).version).toBe(moved.version);
  });

  it("a severity change needs a reason and recomputes the target from the original start", async () => {
    const incident = await declareIncident(commander, { title: "Slow product pages", severity: "P2" });
    advanceClock(40 * 60_000);
    await expectAppError(changeIncident(commander, incident.id, { severity: "P0", version: 1 }), "validation_failed");
    const raised = await changeIncident(commander, incident.id, { severity: "P0", reason: "checkout down too", version: 1 });
    expect(raised.sla.targetAt).toBe(new Date(Date.parse(incident.startedAt) + 15 * 60_000).toISOString());
    expect(raised.sla.breached).toBe(true);
    expect(raised.sla.remainingMs).toBeLessThanOrEqual(-25 * 60_000);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: String(incident.id), action: "incident.change" } });
    expect(audit.before).toMatchObject({ severity: "P2" });
    expect(audit.after).toMatchObject({ severity: "P0" });
  });

  it("a stale edit gets a conflict with the current state; concurrent edits of one version: exactly one wins", async () => {
    const incident = await declareIncident(commander, { title: "Pool exhausted", severity: "P0" });
    const results = await Promise.allSettled([
      changeIncident(commander, incident.id, { status: "identified", version: 1 }),
      changeIncident(responder, incident.id, { severity: "P1", reason: "only payments", version: 1 }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect((failed[0].reason as AppError).code).toBe("conflict");
    const current = await getIncident(incident.id);
    expect(current.version).toBe(2);
    expect((await getTimeline(incident.id)).length).toBe(2);
    const stale = await expectAppError(changeIncident(commander, incident.id, { status: "resolved", version: 1 }), "conflict");
    expect(stale.toJSON().error).toMatchObject({ code: "conflict", current: { version: 2 } });
  });

  it("notes go on the timeline with author and time", async () => {
    const incident = await declareIncident(commander, { title: "Kafka lag", severity: "P2" });
    const note = await addNote(responder, incident.id, "Consumer group lag 12,000 on partition 3");
    expect(note).toMatchObject({ kind: "note", actorName: "Responder Park", message: "Consumer group lag 12,000 on partition 3" });
    await expectAppError(addNote(responder, 99_999_999, "lost"), "not_found");
  });

  it("lists open incidents first, worst severity first, least time left first", async () => {
    const done = await declareIncident(commander, { title: "Already fixed", severity: "P0" });
    await changeIncident(commander, done.id, { status: "resolved", version: done.version, reason: "false alarm" });
    const list = await listIncidents({ status: "all" });
    const firstResolved = list.findIndex((i) => i.status === "resolved");
    expect(firstResolved).toBeGreaterThan(0);
    expect(list.slice(firstResolved).every((i) => i.status === "resolved")).toBe(true);
    const open = list.slice(0, firstResolved);
    const ranks = open.map((i) => Number(i.severity.slice(1)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect((await listIncidents({ status: "open" })).every((i) => i.status !== "resolved")).toBe(true);
  });
});
