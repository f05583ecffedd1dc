// Web Push, end to end against the real database (SQLite and PostgreSQL) and a local stand-in for the push service
// (tests/support/push-service.ts) that decrypts each aes128gcm payload with the device's own keys and checks the
// VAPID header: subscribing through the API, one push per device per page, a dead subscription removed on 410, and
// the acknowledge link inside the push acknowledging the step without a session.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { advanceClock, now } from "@/lib/server/clock";
import { declareIncident } from "@/lib/server/incidents";
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";
import { runDeliveryTick } from "@/lib/server/escalations/deliverer";
import { deliveryOf } from "@/lib/server/escalations/outbox";
import { getIncidentEscalation } from "@/lib/server/escalations/read-model";
import { createNotifyRouter, notifyConfigFromEnv } from "@/lib/notify";
import { createPushNotifier } from "@/lib/server/push/notifier";
import { myPushDevices, removePushSubscription, savePushSubscription } from "@/lib/server/push/subscriptions";
import { createApiToken } from "@/lib/server/tokens";
import { sendTestPage } from "@/lib/server/reach/test-page";
import { storedPair, vapidKeys, VAPID_FILE } from "@/lib/server/push/vapid";
import { createSchedule } from "@/lib/server/oncall/store";
import { scheduleInput } from "@/lib/domain/oncall/input";
import type { PushPayload } from "@/lib/domain/push/subscription";
import type { Delivery } from "@/lib/domain/notification-plan";
import { POST as ACK } from "@/app/api/ack/[token]/route";
import { DELETE, POST } from "@/app/api/v1/push/subscriptions/route";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "../support/actors";
import { setEscalationContacts } from "../support/escalations";
import { startPushService, type PushServiceStub } from "../support/push-service";

const MIN = 60_000;
let service: PushServiceStub;
let manager: Actor;
let commander: Actor;

beforeAll(async () => {
  service = await startPushService();
  manager = await actorFor("manager");
  commander = await actorFor("commander");
  await setEscalationContacts(prisma);
});
afterAll(async () => {
  await service.close();
  await prisma.onCallSchedule.deleteMany({});
  await prisma.pushSubscription.deleteMany({});
});
beforeEach(async () => {
  await prisma.pushSubscription.deleteMany({});
});

const router = () => createNotifyRouter(notifyConfigFromEnv({}), { push: createPushNotifier({ timeoutMs: 5_000 }) });

async function deliverAll() {
  const r = router();
  for (let i = 0; i < 20; i++) if ((await runDeliveryTick(now(), "push-test", { router: r })).attempted === 0) break;
}

function api(handler: (request: Request) => Promise<Response>, method: string, body?: unknown, headers: Record<string, string> = {}) {
  return handler(
    new Request("http://localhost:3000/api/v1/push/subscriptions", {
      method,
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}
const call = (handler: unknown) => handler as (request: Request) => Promise<Response>;

function pushDelivery(device: string, overrides: Partial<Delivery> = {}): Delivery {
  return {
    idempotencyKey: `incident:1|escalation:team_lead|push|${device}`,
    incidentId: "1",
    event: "escalation",
    channel: "push",
    to: device,
    recipient: { role: "team_lead", name: "Manager" },
    mentions: [],
    severity: "P0",
    subject: { ko: "[P0 에스컬레이션] #1 결제 실패", en: "[P0 escalation] #1 payment failures" },
    message: { ko: "팀 리더 알림", en: "Notifying the team lead" },
    link: "http://localhost:3000/incidents/1",
    ack: { url: "http://localhost:3000/ack/abc.def", token: "abc.def" },
    notBefore: null,
    ...overrides,
  };
}

describe(`Web Push on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("VAPID keys are generated into the data folder once, kept, and readable only by the owner", () => {
    const dir = mkdtempSync(join(tmpdir(), "vapid-"));
    const first = storedPair(dir);
    expect(Buffer.from(first.publicKey, "base64url")).toHaveLength(65);
    expect(Buffer.from(first.privateKey, "base64url")).toHaveLength(32);
    expect(storedPair(dir)).toEqual(first);
    expect(JSON.parse(readFileSync(join(dir, VAPID_FILE), "utf8"))).toEqual(first);
    expect(statSync(join(dir, VAPID_FILE)).mode & 0o077).toBe(0);
  });

  it("the API takes only same-origin, valid subscriptions from a signed-in person; the store keeps one row per device", async () => {
    const device = {
      endpoint: "https://push.example.com/send/abc123",
      keys: { p256dh: service.device("api").keys.p256dh, auth: "x".repeat(22) },
    };
    // (a session cannot be made outside Next's request scope: an API token passes authentication, then is refused
    // by the route itself, which needs a person; the body is validated before that)
    const { token } = await createApiToken(await actorFor("admin"), { name: `push-${Date.now()}`, role: "manager" });
    const bearer = { authorization: `Bearer ${token}` };
    const cross = await api(call(POST), "POST", device, { "sec-fetch-site": "cross-site", origin: "https://evil.example" });
    expect(cross.status).toBe(403);
    for (const bad of [
      { ...device, endpoint: "http://push.example.com/send/abc" },
      { ...device, endpoint: "https://user:pw@push.example.com/x" },
      { ...device, keys: { ...device.keys, p256dh: "short" } },
      { ...device, keys: { ...device.keys, auth: "x".repeat(30) } },
      { ...device, extra: 1 },
    ]) {
      const response = await api(call(POST), "POST", bad, bearer);
      expect(response.status, JSON.stringify(bad)).toBe(422);
      expect((await response.json()).error.code).toBe("validation_failed");
    }
    const byToken = await api(call(POST), "POST", { ...device, label: "script" }, bearer);
    expect(byToken.status).toBe(400);
    expect((await byToken.json()).error.message).toMatch(/Sign in/);
    expect((await api(call(DELETE), "DELETE", { endpoint: "x".repeat(2000) }, bearer)).status).toBe(422);

    const user = manager.userId!;
    await savePushSubscription(user, { ...device, label: "Chrome · Android" });
    // subscribing again from the same browser updates the row, not a second device
    await savePushSubscription(user, { ...device, keys: { ...device.keys, auth: "y".repeat(22) }, label: "Chrome · Android" });
    const mine = await myPushDevices(user);
    expect(mine.publicKey).toBe(vapidKeys().publicKey);
    expect(mine.devices).toHaveLength(1);
    expect(mine.devices[0]).toMatchObject({ endpoint: device.endpoint, label: "Chrome · Android", lastSuccessAt: null });
    // another person cannot remove it; its owner can
    const other = await actorFor("viewer");
    expect(await removePushSubscription(other.userId!, device.endpoint)).toBe(false);
    expect(await removePushSubscription(user, device.endpoint)).toBe(true);
    expect(await prisma.pushSubscription.count()).toBe(0);
  });

  it("a push reaches the device encrypted with its keys (aes128gcm) and signed with the VAPID key for the service's origin", async () => {
    const phone = service.device("phone-1");
    const row = await savePushSubscription(manager.userId!, { ...phone, label: "phone" });
    const result = await createPushNotifier().send(pushDelivery(row.id));
    expect(result).toMatchObject({ ok: true });
    expect(service.rejected).toEqual([]);
    const got = service.received.filter((r) => r.device === "phone-1");
    expect(got).toHaveLength(1);
    expect(got[0].vapid.publicKey).toBe(vapidKeys().publicKey);
    expect(got[0].vapid.claims.aud).toBe(service.origin);
    expect(got[0].headers.urgency).toBe("high");
    const payload = JSON.parse(got[0].plaintext) as PushPayload;
    expect(payload).toMatchObject({
      v: 1,
      title: "[P0 에스컬레이션] #1 결제 실패",
      severity: "P0",
      incidentId: "1",
      url: "http://localhost:3000/incidents/1",
      ack: { url: "http://localhost:3000/ack/abc.def", api: "http://localhost:3000/api/ack/abc.def" },
    });
    expect(payload.body).toContain("Notifying the team lead");
    expect(payload.labels.acknowledge).toBe("확인 (Acknowledge)");
    expect((await prisma.pushSubscription.findUniqueOrThrow({ where: { id: row.id } })).lastSuccessAt).not.toBeNull();
  });

  it("410 removes the dead subscription and is not retried; 5xx and network errors are retried", async () => {
    const gone = await savePushSubscription(manager.userId!, { ...service.device("gone"), label: "" });
    service.answer("gone", 410);
    const r410 = await createPushNotifier().send(pushDelivery(gone.id));
    expect(r410).toMatchObject({ ok: false, retryable: false });
    expect(await prisma.pushSubscription.findUnique({ where: { id: gone.id } })).toBeNull();
    // the next page to that device is refused at once, without a request
    expect(await createPushNotifier().send(pushDelivery(gone.id))).toMatchObject({ ok: false, retryable: false });

    const busy = await savePushSubscription(manager.userId!, { ...service.device("busy"), label: "" });
    service.answer("busy", 503);
    expect(await createPushNotifier().send(pushDelivery(busy.id))).toMatchObject({ ok: false, retryable: true });
    expect((await prisma.pushSubscription.findUniqueOrThrow({ where: { id: busy.id } })).lastError).toMatch(/503/);

    const down = await savePushSubscription(manager.userId!, {
      endpoint: "http://127.0.0.1:9/push/down",
      keys: service.device("down").keys,
      label: "",
    });
    expect(await createPushNotifier({ timeoutMs: 2_000 }).send(pushDelivery(down.id))).toMatchObject({ ok: false, retryable: true });
  });

  it("a P0 step paging a subscribed person pushes once to each device; the push's acknowledge link acknowledges the step", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: manager.userId! } });
    await createSchedule(
      await actorFor("admin"),
      scheduleInput.parse({
        role: "team_lead",
        layers: [{ members: [user.id], rotation: { kind: "daily" }, handoff: "09:00", startDate: "2026-01-01" }],
      }),
    );
    const [phone, laptop] = [service.device("p0-phone"), service.device("p0-laptop")];
    await savePushSubscription(user.id, { ...phone, label: "phone" });
    await savePushSubscription(user.id, { ...laptop, label: "laptop" });

    const incident = await declareIncident(commander, { title: "Push: checkout down", severity: "P0" });
    advanceClock(15 * MIN);
    await runSchedulerTick(now(), "push-test");
    const pushes = await prisma.notification.findMany({ where: { incidentId: incident.id, channel: "push" } });
    expect(pushes).toHaveLength(2);
    await deliverAll();
    // a second run of the deliverer (and the scheduler) sends nothing again
    await runSchedulerTick(now(), "push-test");
    await deliverAll();

    // (other files' open incidents page the same on-call person when the clock moves: count this incident's pushes)
    const received = (name: string) =>
      service.received.filter((r) => r.device === name && (JSON.parse(r.plaintext) as PushPayload).incidentId === String(incident.id));
    expect(received("p0-phone")).toHaveLength(1);
    expect(received("p0-laptop")).toHaveLength(1);
    expect(service.rejected).toEqual([]);
    const rows = await prisma.notification.findMany({ where: { incidentId: incident.id, channel: "push" }, include: { deliveries: true } });
    expect(rows.map((r) => [r.status, r.deliveries.length])).toEqual([
      ["sent", 1],
      ["sent", 1],
    ]);

    // the board and the room say the pushes were delivered, by the push adapter (not "recorded in the app only")
    const view = await getIncidentEscalation(manager, incident.id);
    const pushed = view.steps.flatMap((st) => st.deliveries).filter((d) => d.channel === "push");
    expect(pushed.map((d) => [d.state, d.via])).toEqual([
      ["delivered", "push"],
      ["delivered", "push"],
    ]);

    const payload = JSON.parse(received("p0-phone")[0].plaintext) as PushPayload;
    expect(payload.title).toContain("Push: checkout down");
    expect(payload.severity).toBe("P0");
    expect(payload.ack!.url).toBe(deliveryOf(rows.find((r) => r.target === payload.tag.split("|").at(-1))!).ack!.url);
    // what the service worker's Acknowledge action does: POST the link's API, no session, no cookie
    const token = decodeURIComponent(new URL(payload.ack!.api).pathname.split("/").at(-1)!);
    const answer = await ACK(new Request(payload.ack!.api, { method: "POST", headers: { "sec-fetch-site": "same-origin" } }), {
      params: Promise.resolve({ token }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ state: "acknowledged", by: user.name });
    const firing = await prisma.escalationFiring.findUniqueOrThrow({
      where: { incidentId_fireKey: { incidentId: incident.id, fireKey: "team_lead" } },
    });
    expect(firing.acknowledgedAt).not.toBeNull();
    const link = await prisma.ackLink.findFirstOrThrow({ where: { incidentId: incident.id, channel: "push", usedAt: { not: null } } });
    expect(link.usedVia).toBe("push");
    // the laptop's link, used after, says the step was acknowledged already
    const laptopPayload = JSON.parse(received("p0-laptop")[0].plaintext) as PushPayload;
    const laptopToken = decodeURIComponent(new URL(laptopPayload.ack!.api).pathname.split("/").at(-1)!);
    const again = await ACK(new Request(laptopPayload.ack!.api, { method: "POST" }), { params: Promise.resolve({ token: laptopToken }) });
    expect(await again.json()).toMatchObject({ state: "already" });
  });

  it("a test page pushes to each of my devices; acknowledging it from the notification verifies that device", async () => {
    // (the viewer: the readiness tests of reach.test.ts expect the manager to have acknowledged no test page)
    const viewer = await actorFor("viewer");
    const user = viewer.userId!;
    const tablet = await savePushSubscription(user, { ...service.device("test-tablet"), label: "tablet" });
    const desk = await savePushSubscription(user, { ...service.device("test-desk"), label: "desk" });
    const sent = await sendTestPage(viewer);
    expect(sent.pushDevices).toBe(2);
    await deliverAll();
    const got = service.received.filter((r) => r.device === "test-tablet");
    expect(got).toHaveLength(1);
    const payload = JSON.parse(got[0].plaintext) as PushPayload;
    expect(payload.title).toContain("테스트 알림");
    expect(payload.url).toBeNull();
    const token = decodeURIComponent(new URL(payload.ack!.api).pathname.split("/").at(-1)!);
    const answer = await ACK(new Request(payload.ack!.api, { method: "POST" }), { params: Promise.resolve({ token }) });
    expect(await answer.json()).toMatchObject({ state: "acknowledged", purpose: "test" });
    const devices = (await myPushDevices(user)).devices;
    expect(devices.find((d) => d.id === tablet.id)!.verifiedAt).not.toBeNull();
    expect(devices.find((d) => d.id === desk.id)!.verifiedAt).toBeNull();
    expect(devices.find((d) => d.id === tablet.id)!.lastSuccessAt).not.toBeNull();
    await prisma.ackLink.deleteMany({ where: { userId: user, purpose: "test" } });
  });
});
