// Durable incident events (issue #9): every incident change writes its outbox event and the notifications
// it causes in the change's own transaction, and the features that react to it are driven from those rows.
// Here, in-process: a database error while writing a notification undoes the change; with no dispatcher
// in the process the change is still complete and the first dispatcher tick does what the commit owed;
// a failing handler leaves its row to be retried, never logged and forgotten.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { advanceClock, now } from "@/lib/server/clock";
import { addNote, changeIncident, declareIncident } from "@/lib/server/incidents";
import { runIncidentEventTick, INCIDENT_EVENT_HANDLERS } from "@/lib/server/incident-outbox/dispatcher";
import { installCommitDispatch } from "@/lib/server/incident-outbox/start";
import { onCommittedIncidentEvents } from "@/lib/server/incident-outbox/kick";
import { subscribe, type ChangeMessage } from "@/lib/server/change-bus";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "../support/actors";
import { setEscalationContacts } from "../support/escalations";

const isPg = /^postgres/.test(process.env.DATABASE_URL ?? "");
let commander: Actor;

beforeAll(async () => {
  commander = await actorFor("commander");
  await setEscalationContacts(prisma);
});

afterEach(async () => {
  await allowNotifications();
  installCommitDispatch(`vitest-${process.pid}`);
});

/** A real database error on every INSERT INTO "Notification" (a trigger), until allowNotifications(). */
async function refuseNotifications() {
  if (isPg) {
    await prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION ic_test_refuse_notification() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'notification insert refused by the test trigger'; END $$ LANGUAGE plpgsql`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER ic_test_refuse_notification BEFORE INSERT ON "Notification" FOR EACH ROW EXECUTE FUNCTION ic_test_refuse_notification()`,
    );
  } else {
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER ic_test_refuse_notification BEFORE INSERT ON "Notification" BEGIN SELECT RAISE(ABORT, 'notification insert refused by the test trigger'); END`,
    );
  }
}
async function allowNotifications() {
  await prisma.$executeRawUnsafe(
    isPg ? `DROP TRIGGER IF EXISTS ic_test_refuse_notification ON "Notification"` : `DROP TRIGGER IF EXISTS ic_test_refuse_notification`,
  );
}

async function everything() {
  const [incidents, timeline, audit, outbox, notifications] = await Promise.all([
    prisma.incident.count(),
    prisma.timelineEvent.count(),
    prisma.auditLog.count(),
    prisma.incidentOutbox.count(),
    prisma.notification.count(),
  ]);
  return { incidents, timeline, audit, outbox, notifications };
}

describe(`durable incident events on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("a declaration writes the incident, its outbox event and its pages in one transaction, and the event is dispatched after the commit", async () => {
    const before = await everything();
    const incident = await declareIncident(commander, { title: "Outbox: checkout down", severity: "P0" });
    expect(await everything()).toEqual({
      incidents: before.incidents + 1,
      timeline: before.timeline + 1,
      audit: before.audit + 1,
      outbox: before.outbox + 1,
      notifications: before.notifications + 3, // P0: Slack #emergency, SMS and a call to the on-call admin
    });
    const [row] = await prisma.incidentOutbox.findMany({ where: { incidentId: incident.id } });
    const declared = await prisma.timelineEvent.findFirstOrThrow({ where: { incidentId: incident.id, kind: "declared" } });
    expect(row).toMatchObject({ kind: "declared", timelineEventId: declared.id, notifications: 3, attempts: 1, lastError: null });
    expect(row.processedAt).not.toBeNull(); // dispatched right after the commit by this process
    expect(row.payload).toMatchObject({
      severity: "P0",
      status: "investigating",
      isDrill: false,
      title: "Outbox: checkout down",
      actorLabel: "Commander Lee",
    });
    const notes = await prisma.notification.findMany({ where: { incidentId: incident.id } });
    expect(notes.map((n) => `${n.event}:${n.channel}:${n.status}`).sort()).toEqual([
      "declared:phone:pending",
      "declared:slack:pending",
      "declared:sms:pending",
    ]);
  });

  it("a database error while writing a page rolls the change back: nothing is half-written", async () => {
    const incident = await declareIncident(commander, { title: "Outbox: payments slow", severity: "P2" });
    await refuseNotifications();
    const before = await everything();

    // a declaration pages, so it fails whole
    const declared = await declareIncident(commander, { title: "Outbox: never declared", severity: "P0" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(declared).toBeInstanceOf(Error);
    // (SQLite reports the trigger's ABORT as a constraint violation, PostgreSQL with its message; both on the notification insert)
    expect(String((declared as Error).message)).toContain("notification");
    expect(await prisma.incident.count({ where: { title: "Outbox: never declared" } })).toBe(0);
    expect(await everything()).toEqual(before);

    // raising the severity pages too: the incident keeps its severity and version, no timeline, audit or event
    const raised = await changeIncident(commander, incident.id, {
      severity: "P0",
      reason: "payments failing",
      version: incident.version,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(raised).toBeInstanceOf(Error);
    expect(await prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({
      severity: "P2",
      version: incident.version,
    });
    expect(await everything()).toEqual(before);

    // a change that pages nobody does not touch the refused table, so it goes through
    const identified = await changeIncident(commander, incident.id, { status: "identified", version: incident.version });
    expect(identified).toMatchObject({ status: "identified", version: incident.version + 1 });
    expect(await everything()).toEqual({ ...before, timeline: before.timeline + 1, audit: before.audit + 1, outbox: before.outbox + 1 });

    await allowNotifications();
    const retried = await changeIncident(commander, incident.id, {
      severity: "P0",
      reason: "payments failing",
      version: identified.version,
    });
    expect(retried.severity).toBe("P0");
    const pages = await prisma.notification.findMany({ where: { incidentId: incident.id, event: "severity-changed" } });
    expect(pages.map((n) => n.channel).sort()).toEqual(["phone", "slack", "sms"]);
  });

  it("with no dispatcher in the process the change is complete; the first dispatcher tick does what the commit owed", async () => {
    onCommittedIncidentEvents(undefined); // like a process whose dispatcher is not running (or died after the commit)
    const incident = await declareIncident(commander, { title: "Outbox: nobody dispatching", severity: "P1" });
    await addNote(commander, incident.id, "looking at the payment gateway");
    const rows = await prisma.incidentOutbox.findMany({ where: { incidentId: incident.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.kind, r.processedAt, r.claimedBy])).toEqual([
      ["declared", null, null],
      ["note", null, null],
    ]);
    // the pages do not wait for the dispatcher: they are in the outbox already
    expect(await prisma.notification.count({ where: { incidentId: incident.id, event: "declared", status: "pending" } })).toBe(3);

    const heard: ChangeMessage[] = [];
    const unsubscribe = await subscribe((m) => heard.push(m));
    const tick = await runIncidentEventTick(now(), "restarted-instance");
    expect(tick.failed).toEqual([]);
    expect(tick.processed).toEqual(expect.arrayContaining(rows.map((r) => r.id)));
    const after = await prisma.incidentOutbox.findMany({ where: { incidentId: incident.id } });
    expect(after.every((r) => r.processedAt !== null && r.processedBy === "restarted-instance" && r.attempts === 1)).toBe(true);
    await waitFor(() => ["incidents", "escalations", `incident:${incident.id}`].every((t) => heard.some((m) => m.topic === t)));
    unsubscribe();

    // handled once: another tick (another instance) finds nothing to do
    expect((await runIncidentEventTick(now(), "other-instance")).processed).toEqual([]);
  });

  it("a failing handler leaves its event unprocessed with the error, retried with backoff until it succeeds", async () => {
    onCommittedIncidentEvents(undefined);
    const incident = await declareIncident(commander, { title: "Outbox: flaky handler", severity: "P3" });
    const [row] = await prisma.incidentOutbox.findMany({ where: { incidentId: incident.id } });
    let failing = true;
    const handlers = [
      ...INCIDENT_EVENT_HANDLERS,
      {
        name: "flaky",
        handle: async () => {
          if (failing) throw new Error("downstream unavailable");
        },
      },
    ];
    const first = await runIncidentEventTick(now(), "A", { ids: [row.id], handlers });
    expect(first.processed).toEqual([]);
    expect(first.failed).toEqual([{ id: row.id, error: "flaky: downstream unavailable" }]);
    const failed = await prisma.incidentOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed).toMatchObject({ processedAt: null, attempts: 1, lastError: "flaky: downstream unavailable", claimedBy: null });
    expect(failed.availableAt.getTime()).toBeGreaterThan(now().getTime());

    // not before its backoff ends
    expect((await runIncidentEventTick(now(), "A", { ids: [row.id], handlers })).processed).toEqual([]);
    failing = false;
    advanceClock(2_000);
    const second = await runIncidentEventTick(now(), "A", { ids: [row.id], handlers });
    expect(second.processed).toEqual([row.id]);
    expect(await prisma.incidentOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      attempts: 2,
      lastError: null,
      processedBy: "A",
    });
  });

  it("a claim held by a dead instance is taken over after the lease, and the row is handled once", async () => {
    onCommittedIncidentEvents(undefined);
    const incident = await declareIncident(commander, { title: "Outbox: claim expires", severity: "P2" });
    const [row] = await prisma.incidentOutbox.findMany({ where: { incidentId: incident.id } });
    // instance "dead" claims it and never finishes
    const dead = runIncidentEventTick(now(), "dead", { ids: [row.id], afterClaim: () => new Promise<void>(() => undefined) });
    void dead;
    await waitFor(async () => (await prisma.incidentOutbox.findUniqueOrThrow({ where: { id: row.id } })).claimedBy === "dead");
    expect((await runIncidentEventTick(now(), "alive", { ids: [row.id] })).processed).toEqual([]);
    advanceClock(31_000);
    expect((await runIncidentEventTick(now(), "alive", { ids: [row.id] })).processed).toEqual([row.id]);
    expect(await prisma.incidentOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ processedBy: "alive", attempts: 1 });
  });
});

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
