// The API tells the truth about where a page went (issue 9.4): a delivery the in-app outbox recorded because
// its channel has no adapter is "outbox_only", never "delivered"; a drill says it is one; and the paging
// readiness check names the channels and the contacts that reach nobody. Real SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { now } from "@/lib/server/clock";
import { declareIncident } from "@/lib/server/incidents";
import { runDeliveryTick } from "@/lib/server/escalations/deliverer";
import { getPagingReadiness } from "@/lib/server/escalations/readiness";
import { createApiToken } from "@/lib/server/tokens";
import { seedContacts } from "@/lib/server/seed-data";
import { createNotifyRouter, notifyConfigFromEnv, type NotifyRouter } from "@/lib/notify";
import { GET as ESCALATION } from "@/app/api/v1/escalations/route";
import { GET as NOTIFICATIONS } from "@/app/api/v1/notifications/route";
import { GET as READINESS } from "@/app/api/v1/escalations/readiness/route";
import type { DeliveryDto, IncidentEscalationDto, NotificationLogDto, PagingReadinessDto } from "@/lib/server/escalations/dto";
import type { Contact } from "@/lib/generated/prisma/client";
import { actorFor } from "../support/actors";
import { setEscalationContacts, startSink } from "../support/escalations";

const outbox = createNotifyRouter(notifyConfigFromEnv({}));
let token: string;
let saved: Contact[];

beforeAll(async () => {
  saved = await prisma.contact.findMany();
  token = (await createApiToken(await actorFor("admin"), { name: "delivery-truth", role: "viewer" })).token;
});

afterAll(async () => {
  // leave the directory as the other test files found it
  await prisma.contact.deleteMany();
  await prisma.contact.createMany({ data: saved });
});

async function deliverAll(router: NotifyRouter) {
  for (let i = 0; i < 50; i++) if ((await runDeliveryTick(now(), "A", { router })).attempted === 0) return;
}

async function get<T>(handler: (request: Request) => Promise<Response>, path: string): Promise<T> {
  const response = await handler(new Request(`http://test${path}`, { headers: { authorization: `Bearer ${token}` } }));
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}
const escalationOf = (id: number) => get<IncidentEscalationDto>(ESCALATION, `/api/v1/escalations?incidentId=${id}`);
const logOf = (id: number) => get<{ items: NotificationLogDto[] }>(NOTIFICATIONS, `/api/v1/notifications?incidentId=${id}`);
const brief = (d: Pick<DeliveryDto, "channel" | "state" | "via" | "outboxReason">) =>
  `${d.channel}:${d.state}:${d.via}:${d.outboxReason ?? "-"}`;

describe(`delivery truth on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("without Slack or SMS configured, the declared page is pending via the outbox, then outbox_only — never delivered", async () => {
    await setEscalationContacts(prisma);
    const incident = await declareIncident(await actorFor("commander"), { title: "Checkout down, nothing configured", severity: "P0" });
    const before = await escalationOf(incident.id);
    expect(before.eventDeliveries.length).toBeGreaterThan(0);
    for (const d of before.eventDeliveries) expect(d).toMatchObject({ state: "pending", via: "outbox", outboxReason: "not_configured" });

    await deliverAll(outbox);
    const after = await escalationOf(incident.id);
    expect(after.eventDeliveries.map(brief).sort()).toEqual([
      "phone:outbox_only:outbox:not_configured",
      "slack:outbox_only:outbox:not_configured",
      "sms:outbox_only:outbox:not_configured",
    ]);
    expect(after.eventDeliveries.some((d) => d.state === "delivered")).toBe(false);

    const log = await logOf(incident.id);
    expect(log.items.map(brief).sort()).toEqual(after.eventDeliveries.map(brief).sort());
    expect(log.items.every((n) => n.deliveredVia === "outbox")).toBe(true);
  });

  it("a page Slack accepted is delivered via slack; the channels still without an adapter stay outbox_only", async () => {
    const slack = await startSink(() => 200);
    try {
      const incident = await declareIncident(await actorFor("commander"), { title: "Payments down, Slack configured", severity: "P1" });
      await deliverAll(createNotifyRouter(notifyConfigFromEnv({ SLACK_WEBHOOK_URL: `${slack.url}/hook` })));
      expect(slack.requests.filter((r) => r.incidentId === incident.id)).toHaveLength(1);
      const view = await escalationOf(incident.id);
      expect(view.eventDeliveries.map(brief).sort()).toEqual([
        "phone:outbox_only:outbox:not_configured",
        "slack:delivered:slack:-",
        "sms:outbox_only:outbox:not_configured",
      ]);
      const log = await logOf(incident.id);
      expect(log.items.find((n) => n.channel === "slack")).toMatchObject({ state: "delivered", via: "slack", deliveredVia: "slack" });
    } finally {
      await slack.close();
    }
  });

  it("a drill's pages are outbox_only because it is a drill, even with Slack configured", async () => {
    const drill = await declareIncident(await actorFor("commander"), { title: "Drill: Redis down", severity: "P0" }, { isDrill: true });
    await deliverAll(createNotifyRouter(notifyConfigFromEnv({ SLACK_WEBHOOK_URL: "http://127.0.0.1:9/never" })));
    const view = await escalationOf(drill.id);
    expect(view.eventDeliveries.length).toBeGreaterThan(0);
    for (const d of view.eventDeliveries) expect(d).toMatchObject({ state: "outbox_only", via: "outbox", outboxReason: "drill" });
  });

  it("readiness of a fresh directory: P0–P3 reach nobody, and every paged contact is named as lacking a phone", async () => {
    await prisma.contact.deleteMany();
    await seedContacts(prisma);
    const r = await get<PagingReadinessDto>(READINESS, "/api/v1/escalations/readiness");
    expect(r.ready).toBe(false);
    expect(r.severities.map((s) => `${s.severity}:${s.state}`)).toEqual(["P0:not_ready", "P1:not_ready", "P2:not_ready", "P3:not_ready"]);
    expect(r.severities[0].channels.map((c) => `${c.channel}:${c.state}`)).toEqual([
      "slack:outbox_only",
      "sms:outbox_only",
      "phone:outbox_only",
    ]);
    expect(
      r.contactGaps
        .filter((g) => g.missing === "phone")
        .map((g) => g.role)
        .sort(),
    ).toEqual(["db_admin", "department_head", "executive", "network_admin", "system_admin", "team_lead"]);
    expect(Math.abs(Date.parse(r.checkedAt) - now().getTime())).toBeLessThan(5_000);
  });

  it("readiness with Slack and SMS configured and the matrix roles filled in: P0 reaches people, the gaps are the empty roles", async () => {
    await setEscalationContacts(prisma);
    const config = notifyConfigFromEnv({
      SLACK_WEBHOOK_EMERGENCY: "https://hooks.slack.com/services/T0/B0/emergency000",
      SMS_ACCOUNT_SID: "AC0123456789abcdef",
      SMS_AUTH_TOKEN: "tokensecretvalue",
      SMS_FROM: "+15550001111",
    });
    const r = await getPagingReadiness(now(), config);
    const p0 = r.severities[0];
    expect(p0.state).toBe("partial");
    expect(p0.channels.map((c) => `${c.channel}:${c.state}:${c.reached}`)).toEqual(["slack:reaches:3", "sms:reaches:4", "phone:reaches:4"]);
    // the DB and network admins are still placeholders: named as lacking a phone, not silently skipped
    expect(p0.channels[1].gaps).toEqual([
      { role: "db_admin", name: "", missing: "phone" },
      { role: "network_admin", name: "", missing: "phone" },
    ]);
    // P2 goes to Slack #alerts (not configured) and email (no SMTP): nobody
    expect(r.severities[2]).toMatchObject({ state: "not_ready" });
  });
});
