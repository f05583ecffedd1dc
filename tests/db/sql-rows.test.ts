// Rows written with one statement (lib/server/sql-rows.ts) on the hot paths — audit, timeline, pages, outbox events,
// alerts — must read back through Prisma exactly as if Prisma had written them: every column kind, on both databases.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { insertAuditRows } from "@/lib/server/audit";
import { insertTimelineEvent } from "@/lib/server/incident-rows";
import { newRowId } from "@/lib/server/sql-rows";
import { declareIncident } from "@/lib/server/incidents";
import { actorFor } from "../support/actors";
import { setEscalationContacts } from "../support/escalations";

describe(`rows written with one statement on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("Json values keep their shape (objects, strings, numbers, nested nulls); absent ones are SQL NULL; times keep their milliseconds", async () => {
    const at = new Date("2026-11-30T03:04:05.678Z");
    const entityId = `sql-rows-${Date.now()}`;
    await insertAuditRows(prisma, [
      {
        actorLabel: "test",
        action: "a.object",
        entity: "test",
        entityId,
        before: { a: 1, b: null, c: [1, "x"] },
        after: undefined,
        createdAt: at,
      },
      { actorLabel: "test", action: "a.string", entity: "test", entityId, before: "just text", after: 42, createdAt: at },
      { actorLabel: "test", action: "a.null", entity: "test", entityId, before: null, after: { when: at }, createdAt: at },
    ]);
    const rows = await prisma.auditLog.findMany({ where: { entityId }, orderBy: { action: "asc" } });
    expect(rows.map((r) => [r.action, r.before, r.after, r.createdAt.toISOString(), r.actorId])).toEqual([
      ["a.null", null, { when: at.toISOString() }, at.toISOString(), null],
      ["a.object", { a: 1, b: null, c: [1, "x"] }, null, at.toISOString(), null],
      ["a.string", "just text", 42, at.toISOString(), null],
    ]);
    // SQL NULL, not a JSON null: Prisma's DbNull filter finds them
    expect(await prisma.auditLog.count({ where: { entityId, after: { equals: Prisma.DbNull } } })).toBe(1);
  });

  it("a declaration's incident, a timeline entry and the pages read back with their ids in the order they were written", async () => {
    await setEscalationContacts(prisma); // P0: Slack, SMS and a call
    const incident = await declareIncident(await actorFor("commander"), { title: "sql-rows: pages", severity: "P0" });
    const stored = await prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(stored).toMatchObject({ title: "sql-rows: pages", severity: "P0", status: "investigating", isDrill: false, version: 1 });
    expect(stored.resolvedAt).toBeNull();
    expect(stored.updatedAt.getTime()).toBe(stored.createdAt.getTime());
    expect(stored.startedAt.toISOString()).toBe(incident.startedAt);
    const at = new Date(incident.startedAt);
    const ids = [];
    for (const message of ["first", "second", "third"]) {
      ids.push(
        await insertTimelineEvent(prisma, {
          incidentId: incident.id,
          kind: "note",
          actorId: null,
          actorName: "test",
          message,
          data: { n: message.length },
          createdAt: at,
        }),
      );
    }
    const notes = await prisma.timelineEvent.findMany({
      where: { incidentId: incident.id, kind: "note" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(notes.map((n) => [n.id, n.message, n.data])).toEqual([
      [ids[0], "first", { n: 5 }],
      [ids[1], "second", { n: 6 }],
      [ids[2], "third", { n: 5 }],
    ]);
    const pages = await prisma.notification.findMany({ where: { incidentId: incident.id } });
    expect(pages).toHaveLength(3);
    for (const p of pages) {
      expect(p).toMatchObject({ isDrill: false, status: "pending", attempts: 0, notBefore: null, sentAt: null, claimedBy: null });
      expect(p.payload).toMatchObject({ delivery: { idempotencyKey: p.idempotencyKey }, fireKey: null });
      expect(p.nextAttemptAt.getTime()).toBe(p.createdAt.getTime());
    }
    const [event] = await prisma.incidentOutbox.findMany({ where: { incidentId: incident.id } });
    expect(event).toMatchObject({ kind: "declared", notifications: 3, payload: { severity: "P0", title: "sql-rows: pages" }, attempts: 1 });
    expect(event.processedAt).not.toBeNull(); // marked after its handlers ran, fenced by the claim written with it
  });

  it("ids are cuid-shaped and increase within a process", () => {
    const ids = Array.from({ length: 1000 }, newRowId);
    expect(ids.every((id) => /^c[0-9a-z]{24}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
