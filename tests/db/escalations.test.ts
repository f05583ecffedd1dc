// The escalation scheduler, the outbox and acknowledgements against the real database (SQLite and
// PostgreSQL), with the app's test clock moved forward instead of waiting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { advanceClock, now } from "@/lib/server/clock";
import { changeIncident, declareIncident } from "@/lib/server/incidents";
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";
import { runDeliveryTick } from "@/lib/server/escalations/deliverer";
import { acknowledgeStep } from "@/lib/server/escalations/acknowledge";
import { getEscalationBoard, getIncidentEscalation } from "@/lib/server/escalations/read-model";
import { writeIncidentEventNotifications } from "@/lib/server/escalations/hooks";
import { AppError } from "@/lib/server/errors";
import { createNotifyRouter, notifyConfigFromEnv } from "@/lib/notify";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "../support/actors";
import { setEscalationContacts, startSink, type Sink } from "../support/escalations";

const MIN = 60_000;
const outbox = createNotifyRouter(notifyConfigFromEnv({}));
let commander: Actor;
let manager: Actor;
let responder: Actor;

beforeAll(async () => {
  [commander, manager, responder] = await Promise.all([actorFor("commander"), actorFor("manager"), actorFor("responder")]);
  await setEscalationContacts(prisma);
});

const tick = (instance = "A") => runSchedulerTick(now(), instance);
/** Delivers everything due now (other tests' notifications too), however many batches that takes. */
async function deliverAll(router: ReturnType<typeof createNotifyRouter>) {
  for (let i = 0; i < 50; i++) if ((await runDeliveryTick(now(), "A", { router })).attempted === 0) return;
}
const firingsOf = (incidentId: number) =>
  prisma.escalationFiring.findMany({ where: { incidentId }, orderBy: [{ dueAt: "asc" }, { fireKey: "asc" }] });
const escalatedEvents = (incidentId: number) =>
  prisma.timelineEvent.findMany({ where: { incidentId, kind: "escalated" }, orderBy: { createdAt: "asc" } });

async function p0(title: string, severity: "P0" | "P1" | "P2" | "P3" = "P0") {
  return declareIncident(commander, { title, severity });
}

describe(`escalations on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("fires the team-lead step of a P0 at 15 minutes, exactly once however often the scheduler ticks", async () => {
    const incident = await p0("Checkout down");
    await tick();
    advanceClock(14 * MIN);
    await tick();
    expect(await firingsOf(incident.id)).toHaveLength(0);

    advanceClock(1 * MIN);
    const first = await tick();
    const mine = first.fired.filter((f) => f.incidentId === incident.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ fireKey: "team_lead", role: "team_lead", notifications: 3 });
    expect(mine[0].lateByMs).toBeLessThan(5_000);
    for (let i = 0; i < 3; i++) expect((await tick()).fired.filter((f) => f.incidentId === incident.id)).toEqual([]);

    const firings = await firingsOf(incident.id);
    expect(firings.map((f) => [f.fireKey, f.firedAt !== null])).toEqual([["team_lead", true]]);
    const events = await escalatedEvents(incident.id);
    expect(events.map((e) => e.message)).toEqual(["Escalated to team lead"]);
    const notes = await prisma.notification.findMany({ where: { incidentId: incident.id, event: "escalation" } });
    expect(notes.map((n) => `${n.channel} ${n.target}`).sort()).toEqual(["phone +821011112222", "slack #emergency", "sms +821011112222"]);

    const view = await getIncidentEscalation(manager, incident.id);
    expect(view.steps.map((s) => `${s.role}:${s.state}`)).toEqual(["team_lead:fired", "department_head:pending", "executive:pending"]);
    expect(view.next).toMatchObject({ role: "department_head" });
    expect(view.next!.timeLeftMs).toBeGreaterThan(14 * MIN);
    expect(view.steps[0].deliveries.map((d) => d.state)).toEqual(["pending", "pending", "pending"]);
    // a manager does not see the contacts' numbers in full
    expect(view.steps[0].deliveries.find((d) => d.channel === "sms")?.to).toBe("••••2222");

    await deliverAll(outbox);
    const delivered = await getIncidentEscalation(manager, incident.id);
    // no adapter configured: recorded in the app only, which reached nobody (issue 9.4) — never "delivered"
    expect(delivered.steps[0].deliveries.map((d) => [d.state, d.via])).toEqual([
      ["outbox_only", "outbox"],
      ["outbox_only", "outbox"],
      ["outbox_only", "outbox"],
    ]);
  });

  it("two instances ticking at the same time fire every step once", async () => {
    const incidents = await Promise.all(Array.from({ length: 5 }, (_, i) => p0(`Parallel ${i}`)));
    advanceClock(61 * MIN);
    const results = await Promise.all([tick("A"), tick("B"), tick("A"), tick("B")]);
    const ids = new Set(incidents.map((i) => i.id));
    const fired = results.flatMap((r, i) =>
      r.fired.filter((f) => ids.has(f.incidentId)).map((f) => ({ ...f, instance: i % 2 ? "B" : "A" })),
    );
    expect(fired).toHaveLength(15);
    expect(new Set(fired.map((f) => `${f.incidentId}|${f.fireKey}`)).size).toBe(15);
    for (const incident of incidents) {
      const firings = await firingsOf(incident.id);
      expect(firings.map((f) => f.fireKey).sort()).toEqual(["department_head", "executive", "team_lead"]);
      expect(firings.every((f) => f.firedAt !== null)).toBe(true);
      expect(await escalatedEvents(incident.id)).toHaveLength(3);
      expect(await prisma.notification.count({ where: { incidentId: incident.id, event: "escalation" } })).toBe(9);
    }
  });

  it("after downtime an overdue step fires at once, marked late by how much", async () => {
    const incident = await p0("Payments down while the scheduler was off");
    advanceClock(20 * MIN);
    const result = await tick();
    const mine = result.fired.find((f) => f.incidentId === incident.id);
    expect(mine).toMatchObject({ fireKey: "team_lead" });
    expect(mine!.lateByMs).toBeGreaterThanOrEqual(5 * MIN);
    expect(mine!.lateByMs).toBeLessThan(5 * MIN + 10_000);
    const [row] = await firingsOf(incident.id);
    expect(row.lateByMs).toBe(mine!.lateByMs);
    expect((await escalatedEvents(incident.id)).map((e) => e.message)).toEqual(["Escalated to team lead (late by 5 min)"]);
  });

  it("raising P2 to P0 at 40 minutes owes the 15- and 30-minute steps at once, not late", async () => {
    const incident = await p0("Coupons slow", "P2");
    advanceClock(40 * MIN);
    await tick();
    expect(await firingsOf(incident.id)).toHaveLength(0);
    const changed = await changeIncident(commander, incident.id, {
      severity: "P0",
      reason: "checkout down too",
      version: incident.version,
    });
    expect(changed.severity).toBe("P0");
    const result = await tick();
    const mine = result.fired.filter((f) => f.incidentId === incident.id).sort((a, b) => a.fireKey.localeCompare(b.fireKey));
    expect(mine.map((f) => f.fireKey)).toEqual(["department_head", "team_lead"]);
    for (const f of mine) expect(f.lateByMs).toBeLessThan(5_000);
    const view = await getIncidentEscalation(manager, incident.id);
    expect(view.next).toMatchObject({ role: "executive" });
    expect(Math.round(view.next!.timeLeftMs / MIN)).toBe(20);
  });

  it("resolving stops the schedule; reopening resumes it", async () => {
    const incident = await p0("Orders failing", "P1");
    advanceClock(29 * MIN);
    const resolved = await changeIncident(commander, incident.id, {
      status: "resolved",
      reason: "rolled back the deploy",
      version: incident.version,
    });
    advanceClock(5 * MIN);
    await tick();
    expect(await firingsOf(incident.id)).toHaveLength(0);
    const closed = await getIncidentEscalation(manager, incident.id);
    expect(closed.open).toBe(false);
    expect(closed.next).toBeNull();
    expect(closed.steps.map((s) => `${s.role}:${s.state}:${s.cancelledBecause}`)).toEqual([
      "team_lead:cancelled:resolved",
      "department_head:cancelled:resolved",
    ]);

    await changeIncident(commander, incident.id, { status: "investigating", reason: "errors are back", version: resolved.version });
    const result = await tick();
    // 34 min elapsed: the 30-minute step is owed at the reopen, and fires now (not "late by 4 min").
    const mine = result.fired.filter((f) => f.incidentId === incident.id);
    expect(mine.map((f) => f.fireKey)).toEqual(["team_lead"]);
    expect(mine[0].lateByMs).toBeLessThan(5_000);
  });

  it("acknowledging records who and when, stops that step's reminders, not the later steps", async () => {
    const acked = await p0("Search down");
    const ignored = await p0("Login down");
    advanceClock(15 * MIN);
    await tick();
    const [step] = await firingsOf(acked.id);

    const refused = await acknowledgeStep(responder, acked.id, step.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("forbidden");
    const notYet = await acknowledgeStep(manager, acked.id, "department_head").catch((e: unknown) => e);
    expect((notYet as AppError).code).toBe("not_found");

    const ack = await acknowledgeStep(manager, acked.id, step.id);
    expect(ack).toMatchObject({ role: "team_lead", acknowledgedBy: "Manager Choi", alreadyAcknowledged: false });
    const again = await acknowledgeStep(commander, acked.id, "team_lead");
    expect(again).toMatchObject({ acknowledgedBy: "Manager Choi", alreadyAcknowledged: true });

    const row = await prisma.escalationFiring.findUniqueOrThrow({ where: { id: step.id } });
    expect(row).toMatchObject({ acknowledgedBy: "Manager Choi", acknowledgedById: manager.userId });
    const timeline = await prisma.timelineEvent.findMany({ where: { incidentId: acked.id, kind: "escalation-ack" } });
    expect(timeline.map((e) => [e.message, e.actorName])).toEqual([
      ["Escalation to team lead acknowledged by Manager Choi", "Manager Choi"],
    ]);
    expect(await prisma.auditLog.count({ where: { action: "escalation.ack", entityId: step.id } })).toBe(1);

    advanceClock(15 * MIN);
    await tick();
    expect((await firingsOf(acked.id)).map((f) => f.fireKey)).toEqual(["team_lead", "department_head"]);
    expect((await firingsOf(ignored.id)).map((f) => f.fireKey)).toEqual(["team_lead", "department_head", "team_lead#renotify-1"]);
    expect((await escalatedEvents(ignored.id)).map((e) => e.message).sort()).toEqual([
      "Escalated to department head",
      "Escalated to team lead",
      "Reminder 1 to team lead: not acknowledged",
    ]);

    const board = await getEscalationBoard(manager);
    const card = board.items.find((i) => i.incident.id === acked.id);
    expect(card?.steps[0]).toMatchObject({ acknowledgedBy: "Manager Choi", reminders: 0, nextReminderAt: null });
  });

  it("a routed incident event is written to the outbox once, however often it is replayed", async () => {
    const incident = await p0("Replay check", "P2");
    const event = await prisma.timelineEvent.findFirstOrThrow({ where: { incidentId: incident.id, kind: "declared" } });
    const before = await prisma.notification.count({ where: { incidentId: incident.id } });
    expect(before).toBe(2); // P2: Slack #alerts + email to the on-call admin
    const replay = {
      incidentId: incident.id,
      kind: "declared" as const,
      at: event.createdAt,
      timelineEventId: event.id,
      severity: incident.severity,
      status: incident.status,
      isDrill: false,
      title: incident.title,
      actorLabel: "replay",
    };
    await Promise.all([writeIncidentEventNotifications(prisma, [replay]), writeIncidentEventNotifications(prisma, [replay])]);
    expect(await prisma.notification.count({ where: { incidentId: incident.id } })).toBe(before);
  });
});

describe("the outbox deliverer", () => {
  let sink: Sink;
  afterAll(async () => sink?.close());

  it("retries a Slack webhook that fails three times and records exactly one success", async () => {
    const incident = await p0("Slack flapping");
    sink = await startSink((req) =>
      req.incidentId === incident.id && sink.requests.filter((r) => r.incidentId === incident.id).length <= 3 ? 500 : 200,
    );
    const router = createNotifyRouter(notifyConfigFromEnv({ SLACK_WEBHOOK_URL: `${sink.url}/services/T1/B1/x` }));
    const slack = await prisma.notification.findFirstOrThrow({ where: { incidentId: incident.id, channel: "slack" } });

    const states: string[] = [];
    for (const wait of [0, 10_000, 30_000, 120_000, 600_000]) {
      advanceClock(wait);
      await deliverAll(router);
      states.push((await prisma.notification.findUniqueOrThrow({ where: { id: slack.id } })).status);
    }
    expect(states).toEqual(["pending", "pending", "pending", "sent", "sent"]);
    const attempts = await prisma.notificationAttempt.findMany({ where: { notificationId: slack.id }, orderBy: { at: "asc" } });
    expect(attempts.map((a) => a.ok)).toEqual([false, false, false, true]);
    expect(attempts[0].error).toContain("HTTP 500");
    expect(sink.requests.filter((r) => r.incidentId === incident.id && r.path.startsWith("/services"))).toHaveLength(4);
    const row = await prisma.notification.findUniqueOrThrow({ where: { id: slack.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 4, lastError: null });
  });

  it("gives up on a permanent failure and shows it as failed on the incident", async () => {
    const incident = await p0("Archived channel");
    const failing = await startSink((req) => (req.incidentId === incident.id ? 410 : 200), "channel_is_archived");
    try {
      const router = createNotifyRouter(notifyConfigFromEnv({ SLACK_WEBHOOK_URL: `${failing.url}/hook` }));
      await deliverAll(router);
      const slack = await prisma.notification.findFirstOrThrow({ where: { incidentId: incident.id, channel: "slack" } });
      expect(slack).toMatchObject({ status: "failed", attempts: 1 });
      const failed = await prisma.timelineEvent.findFirstOrThrow({ where: { incidentId: incident.id, kind: "notification-failed" } });
      expect(failed.message).toBe("Slack to #emergency failed after 1 attempt: HTTP 410: channel_is_archived");
      const view = await getIncidentEscalation(commander, incident.id);
      expect(view.failedDeliveries).toBe(1);
      expect(view.eventDeliveries.find((d) => d.channel === "slack")).toMatchObject({
        state: "failed",
        lastError: "HTTP 410: channel_is_archived",
      });
    } finally {
      await failing.close();
    }
  });

  it("delivers a drill only to the in-app outbox", async () => {
    const drill = await declareIncident(commander, { title: "Drill: Redis down", severity: "P0" }, { isDrill: true });
    const watch = await startSink(() => 200);
    try {
      const router = createNotifyRouter(notifyConfigFromEnv({ SLACK_WEBHOOK_URL: `${watch.url}/hook` }));
      await deliverAll(router);
      const rows = await prisma.notification.findMany({ where: { incidentId: drill.id }, include: { deliveries: true } });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.isDrill && r.status === "sent" && r.deliveries[0].providerId?.startsWith("outbox:"))).toBe(true);
      expect(watch.requests.filter((r) => r.incidentId === drill.id)).toEqual([]);
    } finally {
      await watch.close();
    }
  });

  it("holds a P3 declared at 23:00 Seoul until 09:00 the next business day", async () => {
    advanceClock(untilNextSeoul(2 /* Tuesday */, 23 * 60));
    expect(seoulTime(now())).toMatch(/^Tue 23:0/);
    const incident = await p0("Product images slow", "P3");
    const rows = await prisma.notification.findMany({ where: { incidentId: incident.id } });
    expect(rows.map((r) => r.channel).sort()).toEqual(["email", "slack"]);
    for (const r of rows) expect(seoulTime(r.notBefore!)).toBe("Wed 09:00");

    await deliverAll(outbox);
    advanceClock(rows[0].notBefore!.getTime() - now().getTime() - 60_000); // 08:59
    await deliverAll(outbox);
    const held = await getIncidentEscalation(manager, incident.id);
    expect(held.eventDeliveries.map((d) => d.state)).toEqual(["held", "held"]);
    expect(await prisma.notificationAttempt.count({ where: { notificationId: { in: rows.map((r) => r.id) } } })).toBe(0);

    advanceClock(60_000); // 09:00
    await deliverAll(outbox);
    const sent = await prisma.notification.findMany({ where: { incidentId: incident.id } });
    expect(sent.map((r) => r.status)).toEqual(["sent", "sent"]);
    for (const r of sent) expect(seoulTime(r.sentAt!)).toBe("Wed 09:00");
  });
});

/** ms from now() until the next given ISO weekday at minuteOfDay in Asia/Seoul (UTC+9, no DST). */
function untilNextSeoul(isoWeekday: number, minuteOfDay: number): number {
  const seoulNow = new Date(now().getTime() + 9 * 3600_000);
  const target = new Date(Date.UTC(seoulNow.getUTCFullYear(), seoulNow.getUTCMonth(), seoulNow.getUTCDate(), 0, minuteOfDay));
  let days = (isoWeekday - (seoulNow.getUTCDay() || 7) + 7) % 7;
  if (days === 0 && target <= seoulNow) days = 7;
  return target.getTime() + days * 86_400_000 - seoulNow.getTime();
}

function seoulTime(at: Date): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone: "Asia/Seoul",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  })
    .format(at)
    .replace(",", "");
}
