import { describe, expect, it } from "vitest";
import { planNotifications, type ContactEntry, type IncidentRef, type NotificationEvent } from "@/lib/domain/notification-plan";
import type { Severity } from "@/lib/domain/severity";

const start = new Date("2026-11-25T03:00:00Z"); // 12:00 Seoul, a Wednesday
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

const contacts: ContactEntry[] = [
  { role: "team_lead", name: "Kim Lead", phone: "+82 10-1111-2222", email: "Lead@Example.com", slackHandle: "U0LEAD001" },
  { role: "team_lead", name: "Backup Lead", phone: "", email: "backup@example.com", slackHandle: "" },
  { role: "department_head", name: "Park Head", phone: "+821033334444", email: "head@example.com", slackHandle: "@park" },
  { role: "system_admin", name: "Lee Ops", phone: "+821055556666", email: "ops@example.com", slackHandle: "U0OPS0001" },
  { role: "db_admin", name: "Choi DBA", phone: "+821077778888", email: "dba@example.com", slackHandle: "" },
];
const incident = (severity: Severity, extra: Partial<IncidentRef> = {}): IncidentRef => ({
  id: 42,
  title: "주문 API 5xx 급증",
  severity,
  startedAt: start,
  url: "https://ic.example/incidents/42",
  ...extra,
});
const escalation: NotificationEvent = { kind: "escalation", role: "team_lead", fireKey: "team_lead", round: 0, at: at(15) };
/** The plan of an event of an incident of that severity, with only the DB admin on call. */
const planForDba = (severity: Severity, event: NotificationEvent) =>
  planNotifications({ incident: incident(severity), event, contacts, onCallRoles: ["db_admin"] });
const routes = (plan: ReturnType<typeof planNotifications>) => plan.deliveries.map((d) => `${d.channel}:${d.to}`);

describe("channels per severity (manual 3.2)", () => {
  it("P0 and P1: Slack #emergency + SMS + phone", () => {
    for (const severity of ["P0", "P1"] as const) {
      const plan = planNotifications({ incident: incident(severity), event: escalation, contacts });
      expect(routes(plan)).toEqual(["slack:#emergency", "sms:+821011112222", "phone:+821011112222"]);
      expect(plan.deliveries.every((d) => d.notBefore === null)).toBe(true);
    }
  });

  it("P2: Slack #alerts + email", () => {
    const plan = planNotifications({ incident: incident("P2"), event: escalation, contacts });
    expect(routes(plan)).toEqual(["slack:#alerts", "email:lead@example.com", "email:backup@example.com"]);
  });

  it("P3: Slack #monitoring + email, held until business hours", () => {
    const night = new Date("2026-11-25T14:00:00Z"); // 23:00 Seoul
    const plan = planNotifications({ incident: incident("P3"), event: { kind: "declared", at: night }, contacts });
    expect(routes(plan)).toEqual(["slack:#monitoring", "email:ops@example.com", "email:dba@example.com"]);
    expect(plan.deliveries.map((d) => d.notBefore?.toISOString())).toEqual(Array(3).fill("2026-11-26T00:00:00.000Z"));
    const noon = planNotifications({ incident: incident("P3"), event: { kind: "declared", at: at(0) }, contacts });
    expect(noon.deliveries[0].notBefore).toEqual(at(0));
  });
});

describe("recipients", () => {
  it("an escalation step goes to that role's contacts, mentioned in Slack", () => {
    const plan = planNotifications({
      incident: incident("P0"),
      event: { ...escalation, role: "department_head", fireKey: "department_head" },
      contacts,
    });
    expect(routes(plan)).toEqual(["slack:#emergency", "sms:+821033334444", "phone:+821033334444"]);
    expect(plan.deliveries[0]).toMatchObject({ recipient: null, mentions: ["@park"] });
    expect(plan.deliveries[1].recipient).toEqual({ role: "department_head", name: "Park Head" });
  });

  it("incident events go to the on-call roles (system, DB, network admins) by default, or the given roles", () => {
    const declared = planNotifications({ incident: incident("P1"), event: { kind: "declared", at: at(0) }, contacts });
    expect(declared.deliveries.filter((d) => d.channel === "sms").map((d) => d.recipient?.role)).toEqual(["system_admin", "db_admin"]);
    expect(declared.unreachable).toContainEqual(expect.objectContaining({ role: "network_admin" }));
    const onlyDba = planForDba("P1", { kind: "declared", at: at(0) });
    expect(routes(onlyDba)).toEqual(["slack:#emergency", "sms:+821077778888", "phone:+821077778888"]);
  });

  it("reports contacts that a channel cannot reach", () => {
    const plan = planNotifications({ incident: incident("P0"), event: escalation, contacts });
    expect(plan.unreachable).toEqual([
      { role: "team_lead", name: "Backup Lead", channel: "sms", reason: "no phone number" },
      { role: "team_lead", name: "Backup Lead", channel: "phone", reason: "no phone number" },
    ]);
  });

  it("resolved and lowered severity never place phone calls; a lowering also tells the old Slack channel", () => {
    const resolved = planForDba("P0", { kind: "resolved", at: at(40) });
    expect(routes(resolved)).toEqual(["slack:#emergency", "sms:+821077778888"]);
    expect(resolved.deliveries[0].message.ko).toContain("40분");
    const lowered = planForDba("P2", { kind: "severity-changed", from: "P0", to: "P2", at: at(20) });
    expect(routes(lowered)).toEqual(["slack:#alerts", "email:dba@example.com", "slack:#emergency"]);
    const raised = planForDba("P0", { kind: "severity-changed", from: "P2", to: "P0", at: at(40) });
    expect(routes(raised)).toEqual(["slack:#emergency", "sms:+821077778888", "phone:+821077778888"]);
  });
});

describe("messages and idempotency keys", () => {
  it("has Korean and English text", () => {
    const d = planNotifications({ incident: incident("P0"), event: escalation, contacts }).deliveries[0];
    expect(d.subject).toEqual({ ko: "[P0 에스컬레이션] #42 주문 API 5xx 급증", en: "[P0 escalation] #42 주문 API 5xx 급증" });
    expect(d.message.ko).toContain("팀 리더");
    expect(d.message.ko).toContain("15분");
    expect(d.message.en).toContain("team lead");
    expect(d.link).toBe("https://ic.example/incidents/42");
  });

  it("keys are stable across replays and distinct per incident, event, channel and recipient", () => {
    const plan = () => planNotifications({ incident: incident("P2"), event: escalation, contacts });
    const keys = plan().deliveries.map((d) => d.idempotencyKey);
    expect(plan().deliveries.map((d) => d.idempotencyKey)).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0]).toBe("incident:42|escalation:team_lead|slack|#alerts");

    const all = [
      planNotifications({ incident: incident("P2", { id: 43 }), event: escalation, contacts }),
      planNotifications({ incident: incident("P2"), event: { ...escalation, fireKey: "team_lead#renotify-1", round: 1 }, contacts }),
      planNotifications({ incident: incident("P2"), event: { kind: "declared", at: at(0) }, contacts }),
      planNotifications({ incident: incident("P2"), event: { kind: "severity-changed", from: "P0", to: "P2", at: at(20) }, contacts }),
      planNotifications({ incident: incident("P2"), event: { kind: "severity-changed", from: "P0", to: "P2", at: at(50) }, contacts }),
      planNotifications({ incident: incident("P2"), event: { kind: "resolved", at: at(60) }, contacts }),
      planNotifications({ incident: incident("P2"), event: { kind: "resolved", at: at(90) }, contacts }),
    ].flatMap((p) => p.deliveries.map((d) => d.idempotencyKey));
    const everything = [...keys, ...all];
    expect(new Set(everything).size).toBe(everything.length);
  });

  it("two contacts with the same number get one message", () => {
    const twins = [...contacts, { role: "team_lead", name: "Kim again", phone: "+82-10-1111-2222", email: "", slackHandle: "" }];
    const plan = planNotifications({ incident: incident("P0"), event: escalation, contacts: twins });
    expect(plan.deliveries.filter((d) => d.channel === "sms")).toHaveLength(1);
  });
});
