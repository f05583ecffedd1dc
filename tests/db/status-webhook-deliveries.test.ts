// Settings → Status page lists each webhook delivery from the outbox's own records (issue 15): when, to which
// URL, the HTTP status or the error, the attempts — through a real delivery to local HTTP endpoints on the
// database in DATABASE_URL (SQLite and PostgreSQL).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { now } from "@/lib/server/clock";
import { declareIncident } from "@/lib/server/incidents";
import { publishUpdate } from "@/lib/server/status/publish";
import { createWebhook, revokeWebhook } from "@/lib/server/status/webhooks";
import { listWebhookDeliveries } from "@/lib/server/status/webhook-deliveries";
import { runDeliveryTick } from "@/lib/server/escalations/deliverer";
import { createNotifyRouter } from "@/lib/notify";
import type { Actor } from "@/lib/server/actor";
import { actorsFor } from "../support/actors";

let admin: Actor, commander: Actor;
let flakyCalls = 0;
// /flaky answers 503 once, then 204; /gone answers 410 (not retried)
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (req.url === "/flaky") res.writeHead(flakyCalls++ === 0 ? 503 : 204).end();
    else res.writeHead(410).end("gone for good");
  });
});
let base = "";
let closedPort = 0;

beforeAll(async () => {
  ({ admin, commander } = await actorsFor("admin", "commander"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // a port nobody listens on: the delivery meets a network error
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const router = createNotifyRouter({ slack: null, email: null, sms: null, problems: [] });
const tick = (at: Date) => runDeliveryTick(at, "vitest-webhook-deliveries", { router, batchSize: 1_000 });

describe("status webhook deliveries", () => {
  it("show each delivery's time, target, HTTP status or error and attempts, newest first, to admins only", async () => {
    const flaky = await createWebhook(admin, `${base}/flaky`);
    const gone = await createWebhook(admin, `${base}/gone`);
    const down = await createWebhook(admin, `http://127.0.0.1:${closedPort}/down`);
    try {
      // on no component: the public page's states stay as other files expect them
      const incident = await declareIncident(commander, { title: "webhook deliveries", severity: "P1" });
      const before = now();
      const update = await publishUpdate(commander, incident.id, { status: "identified", body: { ko: "확인", en: "Identified" } });

      const mine = async (webhookId: string) => {
        const items = await listWebhookDeliveries(admin, { webhookId });
        expect(items.every((d) => d.webhookId === webhookId)).toBe(true);
        return items.find((d) => d.incidentId === incident.id)!;
      };
      // written, not yet attempted
      expect(await mine(flaky.id)).toMatchObject({
        state: "pending",
        attempts: 0,
        target: `${base}/flaky`,
        updateStatus: "identified",
        httpStatus: null,
        lastAttemptAt: null,
        history: [],
      });

      await tick(now());
      const first = await mine(flaky.id);
      expect(first).toMatchObject({ state: "retrying", attempts: 1, httpStatus: 503 });
      expect(first.error).toMatch(/503/);
      expect(new Date(first.lastAttemptAt!).getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(await mine(gone.id)).toMatchObject({ state: "failed", attempts: 1, httpStatus: 410, target: `${base}/gone` });
      expect((await mine(gone.id)).error).toContain("gone for good");
      const unreachable = await mine(down.id);
      expect(unreachable).toMatchObject({ state: "retrying", attempts: 1, httpStatus: null });
      expect(unreachable.error).toBeTruthy();

      // the retry, after its backoff, is delivered: both attempts are listed in order
      await tick(new Date(now().getTime() + 3_600_000));
      const second = await mine(flaky.id);
      expect(second).toMatchObject({ state: "delivered", attempts: 2, httpStatus: 204, error: null });
      expect(second.history.map((a) => [a.ok, a.httpStatus])).toEqual([
        [false, 503],
        [true, 204],
      ]);
      expect((await mine(gone.id)).attempts).toBe(1); // a 410 is not retried

      // all webhooks together, newest first; this update's three rows are there
      const all = await listWebhookDeliveries(admin, { limit: 500 });
      const times = all.map((d) => d.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(all.filter((d) => d.incidentId === incident.id).map((d) => d.webhookId)).toEqual(
        expect.arrayContaining([flaky.id, gone.id, down.id]),
      );
      expect(update.id).toBeTruthy();

      // a removed webhook's deliveries stay readable
      await revokeWebhook(admin, gone.id);
      expect((await mine(gone.id)).httpStatus).toBe(410);

      await expect(listWebhookDeliveries(commander)).rejects.toMatchObject({ code: "forbidden" });
    } finally {
      for (const id of [flaky.id, down.id]) await revokeWebhook(admin, id).catch(() => undefined);
    }
  });
});
