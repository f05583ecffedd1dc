// Personal notification rules (issue 14) against the real database (SQLite and PostgreSQL), with the app's test clock
// moved forward instead of waiting and a local Twilio-shaped SMS/voice provider and Slack webhook as peers
// (tests/support/escalations.ts): an on-call team lead paged by their own rules; an acknowledgement from any channel
// cancels the step's pages still waiting, so no call is placed; someone without rules gets the defaults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { advanceClock, now } from "@/lib/server/clock";
import { declareIncident } from "@/lib/server/incidents";
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";
import { runDeliveryTick } from "@/lib/server/escalations/deliverer";
import { acknowledgeStep } from "@/lib/server/escalations/acknowledge";
import { deliveryOf } from "@/lib/server/escalations/outbox";
import { openAckLink } from "@/lib/server/reach/ack-links";
import { getIncidentEscalation } from "@/lib/server/escalations/read-model";
import { getNotificationRules, setNotificationRules } from "@/lib/server/reach/notification-rules";
import { createSchedule } from "@/lib/server/oncall/store";
import { scheduleInput } from "@/lib/domain/oncall/input";
import { createApiToken } from "@/lib/server/tokens";
import { createNotifyRouter, notifyConfigFromEnv } from "@/lib/notify";
import { DEFAULT_RULES, type NotificationRulesInput } from "@/lib/domain/reach/notification-rules";
import { GET, PUT } from "@/app/api/v1/me/notification-rules/route";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "../support/actors";
import { setEscalationContacts, startSink, type Sink } from "../support/escalations";

const MIN = 60_000;
const PHONE = "+82 10-2020-3030";
const E164 = "+821020203030";
let sink: Sink;
let commander: Actor;
let lead: Actor;
let router: ReturnType<typeof createNotifyRouter>;

beforeAll(async () => {
  [commander, lead] = await Promise.all([actorFor("commander"), actorFor("responder")]);
  await setEscalationContacts(prisma);
  sink = await startSink(() => 200);
  router = createNotifyRouter(
    notifyConfigFromEnv({
      SMS_PROVIDER_URL: sink.url,
      SMS_ACCOUNT_SID: "ACrules",
      SMS_AUTH_TOKEN: "rules-auth-token",
      SMS_FROM: "+15550001111",
      SLACK_WEBHOOK_EMERGENCY: `${sink.url}/slack/emergency`,
    }),
  );
  // the responder is on call as team lead, paged on a number of this file's own
  await prisma.userPagingContact.upsert({
    where: { userId: lead.userId! },
    update: { phone: PHONE, slackHandle: "U0RULES01" },
    create: { userId: lead.userId!, phone: PHONE, slackHandle: "U0RULES01", updatedAt: now() },
  });
  await prisma.onCallSchedule.deleteMany({});
  await createSchedule(
    await actorFor("admin"),
    scheduleInput.parse({
      role: "team_lead",
      layers: [{ members: [lead.userId!], rotation: { kind: "daily" }, handoff: "09:00", startDate: "2026-01-01" }],
    }),
  );
});
afterAll(async () => {
  await sink.close();
  await prisma.onCallSchedule.deleteMany({});
  await prisma.notificationRule.deleteMany({ where: { userId: lead.userId! } });
  await prisma.userPagingContact.deleteMany({ where: { userId: lead.userId! } });
});

/** The team lead's rules of most tests: an SMS at once, a call 3 minutes later (urgent pages only). */
const SMS_THEN_CALL_AFTER_3_MIN: NotificationRulesInput = {
  high: [
    { channel: "sms", delayMinutes: 0 },
    { channel: "phone", delayMinutes: 3 },
  ],
  low: [],
};

/** Delivers everything due now (other files' leftovers too). */
async function deliverAll() {
  for (let i = 0; i < 50; i++) if ((await runDeliveryTick(now(), "rules-test", { router })).attempted === 0) return;
}
const pagesOf = (incidentId: number) =>
  prisma.notification.findMany({ where: { incidentId, event: "escalation" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
/** What the peers received about the incident's escalation: the Slack posts, or the SMS/calls to the on-call person's number. */
const received = (incidentId: number, kind: "sms" | "phone" | "slack") =>
  sink.requests.filter((r) =>
    r.incidentId !== incidentId
      ? false
      : kind === "slack"
        ? r.path.startsWith("/slack/") && r.body.includes("에스컬레이션")
        : r.path.endsWith(kind === "sms" ? "Messages.json" : "Calls.json") && new URLSearchParams(r.body).get("To") === E164,
  );
const resolve = (id: number) => prisma.incident.update({ where: { id }, data: { status: "resolved", resolvedAt: now() } });

describe(`personal notification rules on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("SMS at once, a call after 3 min: an acknowledgement by SMS at 2 min cancels the call, which is never placed", async () => {
    await setNotificationRules(lead, lead.userId!, SMS_THEN_CALL_AFTER_3_MIN);
    const incident = await declareIncident(commander, { title: "Rules: checkout down", severity: "P0" });
    advanceClock(15 * MIN);
    const fired = (await runSchedulerTick(now(), "rules-test")).fired.find((f) => f.incidentId === incident.id)!;
    expect(fired.fireKey).toBe("team_lead");

    const pages = await pagesOf(incident.id);
    // the severity's Slack post, then the person's own rules (no push, no email: they chose SMS and a call)
    expect(pages.map((p) => [p.channel, p.target, p.notBefore ? (p.notBefore.getTime() - fired.firedAt.getTime()) / MIN : 0])).toEqual([
      ["slack", "#emergency", 0],
      ["sms", E164, 0],
      ["phone", E164, 3],
    ]);
    await deliverAll();
    expect(received(incident.id, "sms").map((r) => new URLSearchParams(r.body).get("To"))).toEqual([E164]);
    expect(received(incident.id, "slack")).toHaveLength(1);
    expect(received(incident.id, "phone")).toEqual([]);
    const board = await getIncidentEscalation(commander, incident.id);
    expect(board.steps[0].deliveries.find((d) => d.channel === "phone")?.state).toBe("scheduled");

    advanceClock(2 * MIN);
    const started = performance.now();
    // the person opens the acknowledge link of the SMS they got
    const sms = deliveryOf(pages.find((p) => p.channel === "sms")!);
    expect((await openAckLink(sms.ack!.token, "sms")).state).toBe("acknowledged");
    const phone = (await pagesOf(incident.id)).find((p) => p.channel === "phone")!;
    console.log(
      `[rules] ${process.env.DATABASE_URL?.split(":")[0]}: acknowledgement → waiting call cancelled in ${(performance.now() - started).toFixed(1)} ms`,
    );
    expect(phone.status).toBe("cancelled");
    const ack = await prisma.timelineEvent.findFirstOrThrow({ where: { incidentId: incident.id, kind: "escalation-ack" } });
    expect(ack.data).toMatchObject({ via: "sms", cancelledPages: 1 });

    advanceClock(2 * MIN); // 4 min after the step fired: the call would have been due
    await deliverAll();
    expect(received(incident.id, "phone")).toEqual([]);
    const after = await prisma.notification.findUniqueOrThrow({ where: { id: phone.id }, include: { deliveries: true } });
    expect([after.status, after.attempts, after.deliveries.length]).toEqual(["cancelled", 0, 0]);
    const view = await getIncidentEscalation(commander, incident.id);
    expect(view.steps[0].deliveries.map((d) => [d.channel, d.state])).toEqual([
      ["slack", "delivered"],
      ["sms", "delivered"],
      ["phone", "cancelled"],
    ]);
    await resolve(incident.id);
  });

  it("without rules the defaults page (SMS and email at once, the call a minute later); reminder rounds replay them until acknowledged", async () => {
    await setNotificationRules(lead, lead.userId!, { high: [], low: [] });
    expect(await getNotificationRules(lead.userId!)).toMatchObject({ ...DEFAULT_RULES, custom: { high: false, low: false } });
    const incident = await declareIncident(commander, { title: "Rules: search slow", severity: "P1" });
    advanceClock(30 * MIN);
    const fired = (await runSchedulerTick(now(), "rules-test")).fired.find((f) => f.incidentId === incident.id)!;
    const rel = (d: Date | null) => (d ? Math.round((d.getTime() - fired.firedAt.getTime()) / MIN) : 0);
    expect((await pagesOf(incident.id)).map((p) => [p.channel, rel(p.notBefore)])).toEqual([
      ["slack", 0],
      ["sms", 0],
      ["email", 0],
      ["phone", 1],
    ]);
    await deliverAll();
    expect(received(incident.id, "phone")).toHaveLength(0);
    advanceClock(MIN);
    await deliverAll();
    // not acknowledged: the call is placed when its minute is up
    expect(received(incident.id, "phone").map((r) => new URLSearchParams(r.body).get("To"))).toEqual([E164]);

    // the reminder round 15 min later replays the rules from its own time, with keys of its own
    advanceClock(15 * MIN);
    const reminder = (await runSchedulerTick(now(), "rules-test")).fired.find((f) => f.incidentId === incident.id)!;
    expect(reminder.fireKey).toBe("team_lead#renotify-1");
    const round = (await pagesOf(incident.id)).filter((p) => p.idempotencyKey.includes("#renotify-1"));
    expect(
      round.map((p) => [p.channel, Math.round((p.notBefore?.getTime() ?? reminder.firedAt.getTime()) - reminder.firedAt.getTime()) / MIN]),
    ).toEqual([
      ["slack", 0],
      ["sms", 0],
      ["email", 0],
      ["phone", 1],
    ]);
    // acknowledged (any channel: here the email link's) before the reminder's call: cancelled for everybody the step paged
    await acknowledgeStep(commander, incident.id, "team_lead", { via: "email" });
    const waiting = (await pagesOf(incident.id)).filter((p) => p.status === "cancelled");
    expect(waiting.map((p) => p.idempotencyKey)).toEqual([round.find((p) => p.channel === "phone")!.idempotencyKey]);
    await resolve(incident.id);
  });

  it("a delayed page claimed after its step was acknowledged (the acknowledgement's own cancel missed it) is cancelled, not sent", async () => {
    await setNotificationRules(lead, lead.userId!, SMS_THEN_CALL_AFTER_3_MIN);
    const incident = await declareIncident(commander, { title: "Rules: login errors", severity: "P0" });
    advanceClock(15 * MIN);
    await runSchedulerTick(now(), "rules-test");
    // as if another instance, its clock behind, acknowledged: the firing says so, the call row still waits
    await prisma.escalationFiring.updateMany({
      where: { incidentId: incident.id, fireKey: "team_lead" },
      data: { acknowledgedAt: new Date(now().getTime() + MIN), acknowledgedBy: "skewed instance" },
    });
    advanceClock(4 * MIN);
    await deliverAll();
    expect(received(incident.id, "phone")).toEqual([]);
    expect((await pagesOf(incident.id)).find((p) => p.channel === "phone")).toMatchObject({ status: "cancelled", claimedBy: null });
    await resolve(incident.id);
  });

  it("before a step fires, the board names what the on-call person's own rules cannot reach", async () => {
    await setNotificationRules(lead, lead.userId!, { high: [{ channel: "sms", delayMinutes: 0 }], low: [] });
    await prisma.userPagingContact.update({ where: { userId: lead.userId! }, data: { phone: "" } });
    const incident = await declareIncident(commander, { title: "Rules: no phone", severity: "P0" });
    const view = await getIncidentEscalation(commander, incident.id);
    expect(view.steps[0].unreachable.map((u) => `${u.channel}: ${u.reason}`)).toEqual(["sms: no phone number"]);
    await prisma.userPagingContact.update({ where: { userId: lead.userId! }, data: { phone: PHONE } });
    await resolve(incident.id);
  });

  it("the API: refuses bad lists with the reason in the asker's language, and API tokens (rules belong to people)", async () => {
    const { token } = await createApiToken(await actorFor("admin"), { name: `rules-${Date.now()}`, role: "manager" });
    const request = (method: string, body: unknown, lang: string) =>
      new Request("http://localhost:3000/api/v1/me/notification-rules", {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": lang },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const put = PUT as unknown as (r: Request) => Promise<Response>;
    const unordered = {
      high: [
        { channel: "phone", delayMinutes: 3 },
        { channel: "sms", delayMinutes: 0 },
      ],
      low: [],
    };
    const ko = await put(request("PUT", unordered, "ko"));
    expect(ko.status).toBe(422);
    expect((await ko.json()).error.message).toBe("단계를 대기 시간 순서로 두세요: 각 단계는 앞 단계보다 짧게 기다릴 수 없습니다.");
    const en = await put(request("PUT", { high: [{ channel: "fax", delayMinutes: 0 }], low: [] }, "en"));
    expect((await en.json()).error).toMatchObject({
      code: "validation_failed",
      message: "Channel must be one of: push, sms, phone, email.",
    });
    const byToken = await put(request("PUT", { high: [], low: [] }, "en"));
    expect(byToken.status).toBe(400);
    expect((await byToken.json()).error.message).toMatch(/Sign in/);
    expect((await (GET as unknown as (r: Request) => Promise<Response>)(request("GET", undefined, "en"))).status).toBe(400);
    // a refused list changes nothing; a valid one replaces both lists at once
    const saved = await setNotificationRules(lead, lead.userId!, {
      high: [{ channel: "push", delayMinutes: 0 }],
      low: [{ channel: "email", delayMinutes: 5 }],
    });
    expect(saved).toMatchObject({
      high: [{ channel: "push", delayMinutes: 0 }],
      low: [{ channel: "email", delayMinutes: 5 }],
      custom: { high: true, low: true },
    });
    expect(await prisma.notificationRule.count({ where: { userId: lead.userId! } })).toBe(2);
  });
});
