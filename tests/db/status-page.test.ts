// The public status page (issue 15) against the real database (SQLite and PostgreSQL): an incident on a
// component shows only once an update is published; publishing writes the update, the outbox event and every
// message (subscribers, webhooks, managers) in one transaction — all or nothing; the webhook is delivered
// once, signed; subscriptions need confirming and stop at unsubscribe; nothing private reaches the page.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { now } from "@/lib/server/clock";
import { addNote, declareIncident } from "@/lib/server/incidents";
import { listComponents } from "@/lib/server/status/components";
import { publishUpdate } from "@/lib/server/status/publish";
import { publicStatus, feedUpdates } from "@/lib/server/status/snapshot";
import { invalidateStatusSnapshot } from "@/lib/server/status/snapshot-cache";
import { subscribe, confirmSubscription, unsubscribe } from "@/lib/server/status/subscribers";
import { signLink } from "@/lib/server/status/links";
import { createWebhook } from "@/lib/server/status/webhooks";
import { runDeliveryTick } from "@/lib/server/escalations/deliverer";
import { createNotifyRouter } from "@/lib/notify";
import type { Actor } from "@/lib/server/actor";
import { actorsFor } from "../support/actors";

const isPg = /^postgres/.test(process.env.DATABASE_URL ?? "");
let commander: Actor, admin: Actor, viewer: Actor;
let paymentId: string, couponId: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const hookServer = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString("utf8")));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  ({ commander, admin, viewer } = await actorsFor("commander", "admin", "viewer"));
  const components = await listComponents();
  paymentId = components.find((c) => c.slug === "payment")!.id;
  couponId = components.find((c) => c.slug === "coupons")!.id;
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
});
afterAll(() => new Promise<void>((r) => hookServer.close(() => r())));

async function subscriber(email: string, components: string[], confirm: boolean) {
  await subscribe({ email, components, locale: "ko" });
  const row = await prisma.statusSubscriber.findFirstOrThrow({ where: { email }, orderBy: { createdAt: "desc" } });
  if (confirm) expect(await confirmSubscription(signLink("confirm", row.id, now()))).toBe(true);
  return row;
}

async function freshStatus() {
  invalidateStatusSnapshot();
  return publicStatus();
}

describe("status page", () => {
  it("seeds the six components and refuses a viewer's update", async () => {
    expect((await listComponents()).map((c) => c.nameKo)).toEqual(
      expect.arrayContaining(["웹사이트", "주문", "결제", "포인트", "쿠폰", "상품 조회"]),
    );
    const incident = await declareIncident(commander, { title: "x", severity: "P2" });
    await expect(publishUpdate(viewer, incident.id, { status: "investigating", body: { ko: "a", en: "b" } })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("publishes a P1 on 결제 with its messages in one transaction; the page shows public facts only", async () => {
    const stamp = Date.now();
    const all = await subscriber(`all-${stamp}@example.net`, [], true);
    const payOnly = await subscriber(`pay-${stamp}@example.net`, [paymentId], true);
    const couponOnly = await subscriber(`coupon-${stamp}@example.net`, [couponId], true);
    const pending = await subscriber(`pending-${stamp}@example.net`, [], false);
    const gone = await subscriber(`gone-${stamp}@example.net`, [], true);
    expect(await unsubscribe(signLink("unsubscribe", gone.id, now()))).toBe(true);
    const hook = await createWebhook(admin, `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`);

    const incident = await declareIncident(commander, { title: `INTERNAL PG timeout ${stamp}`, severity: "P1", components: [paymentId] });
    expect(await prisma.incidentComponent.findMany({ where: { incidentId: incident.id } })).toEqual([
      expect.objectContaining({ componentId: paymentId, impact: "partial_outage" }),
    ]);
    await addNote(commander, incident.id, `SECRET NOTE ${stamp}`);
    // not public before the first update
    expect((await freshStatus()).components.find((c) => c.id === paymentId)!.state).toBe("operational");

    const update = await publishUpdate(commander, incident.id, {
      status: "identified",
      body: { ko: `결제 복구 중 ${stamp}`, en: `Fixing payments ${stamp}` },
    });
    const rows = await prisma.notification.findMany({ where: { idempotencyKey: { startsWith: `status-update:${update.id}|` } } });
    const targets = rows.map((r) => `${r.channel}:${r.target}`).sort();
    expect(targets).toEqual(
      [`status_email:${all.email}`, `status_email:${payOnly.email}`, `webhook:${hook.url}`, "email:manager@example.com"].sort(),
    );
    expect(targets.join()).not.toContain(couponOnly.email);
    expect(targets.join()).not.toContain(pending.email);
    const outbox = await prisma.incidentOutbox.findFirstOrThrow({ where: { incidentId: incident.id, kind: "update" } });
    expect(outbox.notifications).toBe(4);

    const status = await freshStatus();
    expect(status.components.find((c) => c.id === paymentId)!.state).toBe("partial_outage");
    const shown = status.incidents.find((i) => i.id === incident.id)!;
    expect(shown.updates.map((u) => u.body.ko)).toEqual([`결제 복구 중 ${stamp}`]);
    const everything = JSON.stringify([status, await feedUpdates()]);
    for (const secret of [`SECRET NOTE ${stamp}`, `INTERNAL PG timeout ${stamp}`, "Commander Lee", "commander@example.com"])
      expect(everything).not.toContain(secret);

    // The webhook goes out once, signed over "timestamp.body" with its secret.
    const router = createNotifyRouter({ slack: null, email: null, sms: null, problems: [] });
    await runDeliveryTick(now(), "vitest-status", { router });
    await runDeliveryTick(now(), "vitest-status", { router });
    const mine = received.filter((r) => r.body.includes(update.id));
    expect(mine).toHaveLength(1);
    const ts = mine[0].headers["x-status-timestamp"] as string;
    const expected = createHmac("sha256", hook.secret).update(`${ts}.${mine[0].body}`).digest("hex");
    expect(mine[0].headers["x-status-signature"]).toBe(`v1=${expected}`);
    expect(JSON.parse(mine[0].body)).toMatchObject({
      type: "incident.update",
      status: "identified",
      body: { ko: `결제 복구 중 ${stamp}` },
    });
    expect(mine[0].body).not.toContain("SECRET NOTE");
    const sent = await prisma.notification.findMany({ where: { idempotencyKey: { startsWith: `status-update:${update.id}|` } } });
    expect(sent.every((n) => n.status === "sent")).toBe(true);
  });

  it("writes nothing when a message cannot be stored (all or nothing)", async () => {
    const incident = await declareIncident(commander, { title: "atomic", severity: "P1", components: [paymentId] });
    const before = await prisma.notification.count({ where: { event: "status-update" } });
    const trigger = isPg
      ? [
          `CREATE OR REPLACE FUNCTION ic_test_refuse_status() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test trigger'; END $$ LANGUAGE plpgsql`,
          `CREATE TRIGGER ic_test_refuse_status BEFORE INSERT ON "IncidentOutbox" FOR EACH ROW EXECUTE FUNCTION ic_test_refuse_status()`,
        ]
      : [
          `CREATE TRIGGER ic_test_refuse_status BEFORE INSERT ON "IncidentOutbox" BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END`,
        ];
    for (const sql of trigger) await prisma.$executeRawUnsafe(sql);
    try {
      await expect(publishUpdate(commander, incident.id, { status: "investigating", body: { ko: "가", en: "a" } })).rejects.toThrow();
    } finally {
      await prisma.$executeRawUnsafe(
        isPg ? `DROP TRIGGER IF EXISTS ic_test_refuse_status ON "IncidentOutbox"` : `DROP TRIGGER IF EXISTS ic_test_refuse_status`,
      );
    }
    expect(await prisma.statusUpdate.count({ where: { incidentId: incident.id } })).toBe(0);
    expect(await prisma.notification.count({ where: { event: "status-update" } })).toBe(before);
  });

  it("refuses forged or expired links and an update that goes backwards", async () => {
    const sub = await subscriber(`links-${Date.now()}@example.net`, [], false);
    const token = signLink("confirm", sub.id, now());
    expect(await confirmSubscription(token.slice(0, -2) + "AA")).toBe(false);
    expect(await confirmSubscription(signLink("unsubscribe", sub.id, now()))).toBe(false);
    expect(await confirmSubscription(signLink("confirm", sub.id, new Date(now().getTime() - 8 * 86_400_000)))).toBe(false);
    expect(await confirmSubscription(token)).toBe(true);

    const incident = await declareIncident(commander, { title: "order", severity: "P1" });
    await publishUpdate(commander, incident.id, { status: "monitoring", body: { ko: "가", en: "a" } });
    await expect(publishUpdate(commander, incident.id, { status: "investigating", body: { ko: "가", en: "a" } })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});
