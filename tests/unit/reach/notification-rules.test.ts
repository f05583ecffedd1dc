import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.apiErrors.json";
import ko from "@/lib/i18n/messages/ko.apiErrors.json";
import { planNotifications, type ContactEntry, type NotificationEvent } from "@/lib/domain/notification-plan";
import { SEVERITY_CHANNELS } from "@/lib/domain/escalation-matrix";
import {
  DEFAULT_RULES,
  notificationRulesInput,
  personalPages,
  ruleList,
  urgencyOf,
  type RuleEntry,
} from "@/lib/domain/reach/notification-rules";

const start = new Date("2026-11-30T03:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const step: NotificationEvent = { kind: "escalation", role: "team_lead", fireKey: "team_lead", round: 0, at: at(15) };
const lead: ContactEntry = {
  role: "team_lead",
  name: "Kim Lead",
  phone: "+82 10-1111-2222",
  email: "Lead@Example.com",
  slackHandle: "U0LEAD001",
  userId: "u1",
  pushDevices: ["dev-a"],
};
const incident = (severity: "P0" | "P1" | "P2" | "P3") => ({ id: 9, title: "Checkout down", severity, startedAt: start });
const smsThenCall: RuleEntry[] = [
  { channel: "sms", delayMinutes: 0 },
  { channel: "phone", delayMinutes: 3 },
];
const messagesOf = (list: unknown) => {
  const parsed = ruleList.safeParse(list);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe("urgency and defaults", () => {
  it("P0/P1 are high, P2/P3 low", () => {
    expect((["P0", "P1", "P2", "P3"] as const).map(urgencyOf)).toEqual(["high", "high", "low", "low"]);
  });

  it("the defaults carry the manual's per-person channels (3.2), push and email at once, the call a minute later", () => {
    expect(DEFAULT_RULES.high).toEqual([
      { channel: "push", delayMinutes: 0 },
      { channel: "sms", delayMinutes: 0 },
      { channel: "email", delayMinutes: 0 },
      { channel: "phone", delayMinutes: 1 },
    ]);
    expect(DEFAULT_RULES.low).toEqual([
      { channel: "push", delayMinutes: 0 },
      { channel: "email", delayMinutes: 0 },
    ]);
    for (const sev of ["P0", "P1", "P2", "P3"] as const)
      for (const route of SEVERITY_CHANNELS[sev].routes.filter((r) => r.kind !== "slack"))
        expect(DEFAULT_RULES[urgencyOf(sev)].map((r) => r.channel)).toContain(route.kind);
    expect(ruleList.safeParse(DEFAULT_RULES.high).success && ruleList.safeParse(DEFAULT_RULES.low).success).toBe(true);
  });
});

describe("validating a rule list", () => {
  it("takes an ordered list of known channels with delays 0..60, empty meaning the defaults", () => {
    expect(notificationRulesInput.safeParse({ high: smsThenCall, low: [] }).success).toBe(true);
    expect(messagesOf([{ channel: "sms", delayMinutes: 60 }])).toEqual([]);
  });

  it("refuses what cannot be a rule list, saying which step and why", () => {
    expect(messagesOf([{ channel: "fax", delayMinutes: 0 }])).toEqual([en.ruleChannelInvalid]);
    expect(messagesOf([{ channel: "sms", delayMinutes: 61 }])).toEqual([en.ruleDelayInvalid]);
    expect(messagesOf([{ channel: "sms", delayMinutes: -1 }])).toEqual([en.ruleDelayInvalid]);
    expect(messagesOf([{ channel: "sms", delayMinutes: 1.5 }])).toEqual([en.ruleDelayInvalid]);
    expect(messagesOf([{ channel: "sms", delayMinutes: "1" }])).toEqual([en.ruleDelayInvalid]);
    expect(messagesOf(Array.from({ length: 11 }, (_, i) => ({ channel: "sms", delayMinutes: i })))).toEqual([en.ruleTooMany]);
    const unordered = ruleList.safeParse([...smsThenCall].reverse());
    expect(unordered.success ? null : unordered.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["1.delayMinutes", en.ruleOrder],
    ]);
    expect(messagesOf([smsThenCall[0], smsThenCall[0]])).toEqual([en.ruleDuplicate]);
    expect(notificationRulesInput.safeParse({ high: [] }).success).toBe(false);
    expect(notificationRulesInput.safeParse({ high: [], low: [], extra: 1 }).success).toBe(false);
  });

  it("every message has its Korean twin in the API error catalogue", () => {
    for (const key of ["ruleChannelInvalid", "ruleDelayInvalid", "ruleTooMany", "ruleOrder", "ruleDuplicate"] as const)
      expect(ko[key]).toMatch(/[가-힣]/);
  });
});

describe("a person's pages under their rules", () => {
  it("each entry at firedAt + delay, push to each device, missing addresses reported once", () => {
    const { pages, missing } = personalPages(
      { phone: "", email: "a@b.c", pushDevices: ["d1", "d2"] },
      [{ channel: "push", delayMinutes: 0 }, ...smsThenCall, { channel: "sms", delayMinutes: 5 }],
      at(15),
    );
    expect(pages.map((p) => [p.channel, p.to, p.notBefore?.toISOString() ?? null])).toEqual([
      ["push", "d1", null],
      ["push", "d2", null],
    ]);
    expect(missing).toEqual([
      { channel: "sms", reason: "no phone number" },
      { channel: "phone", reason: "no phone number" },
    ]);
  });
});

describe("the notification plan with personal rules", () => {
  const plan = (severity: "P0" | "P2", contacts: ContactEntry[], event = step) =>
    planNotifications({ incident: incident(severity), event, contacts });
  const rows = (p: ReturnType<typeof plan>) =>
    p.deliveries.map((d) => [d.channel, d.to, d.notBefore ? (d.notBefore.getTime() - step.at.getTime()) / 60_000 : 0]);

  it("an on-call user is paged by their own rules; the severity's Slack post still goes and mentions them", () => {
    const p = plan("P0", [{ ...lead, rules: { high: smsThenCall } }]);
    expect(rows(p)).toEqual([
      ["slack", "#emergency", 0],
      ["sms", "+821011112222", 0],
      ["phone", "+821011112222", 3],
    ]);
    expect(p.deliveries[0].mentions).toEqual(["U0LEAD001"]);
    expect(p.deliveries.map((d) => d.idempotencyKey)).toEqual([
      "incident:9|escalation:team_lead|slack|#emergency",
      "incident:9|escalation:team_lead|sms|+821011112222",
      "incident:9|escalation:team_lead|phone|+821011112222|+3m",
    ]);
  });

  it("keys are distinct per rule entry, and a reminder round replays the rules from its own time with new keys", () => {
    const twice: RuleEntry[] = [
      { channel: "sms", delayMinutes: 0 },
      { channel: "sms", delayMinutes: 5 },
    ];
    const first = plan("P0", [{ ...lead, rules: { high: twice } }]);
    expect(new Set(first.deliveries.map((d) => d.idempotencyKey)).size).toBe(3);
    const reminder = plan("P0", [{ ...lead, rules: { high: twice } }], { ...step, fireKey: "team_lead#renotify-1", round: 1, at: at(25) });
    expect(reminder.deliveries.map((d) => [d.idempotencyKey, d.notBefore?.toISOString() ?? null])).toEqual([
      ["incident:9|escalation:team_lead#renotify-1|slack|#emergency", null],
      ["incident:9|escalation:team_lead#renotify-1|sms|+821011112222", null],
      ["incident:9|escalation:team_lead#renotify-1|sms|+821011112222|+5m", at(30).toISOString()],
    ]);
  });

  it("no rules of their own: the urgency's defaults; low urgency by the low list", () => {
    expect(rows(plan("P0", [{ ...lead, rules: {} }]))).toEqual([
      ["slack", "#emergency", 0],
      ["push", "dev-a", 0],
      ["sms", "+821011112222", 0],
      ["email", "lead@example.com", 0],
      ["phone", "+821011112222", 1],
    ]);
    expect(rows(plan("P2", [{ ...lead, rules: { high: smsThenCall } }]))).toEqual([
      ["slack", "#alerts", 0],
      ["push", "dev-a", 0],
      ["email", "lead@example.com", 0],
    ]);
  });

  it("a directory entry (no user) keeps the manual's channels; rules never apply to incident events", () => {
    const { userId: _u, ...directory } = { ...lead, rules: { high: smsThenCall } };
    expect(rows(plan("P0", [directory]))).toEqual([
      ["slack", "#emergency", 0],
      ["sms", "+821011112222", 0],
      ["phone", "+821011112222", 0],
    ]);
    const declared = planNotifications({
      incident: incident("P0"),
      event: { kind: "declared", at: start },
      contacts: [{ ...lead, rules: { high: smsThenCall } }],
      onCallRoles: ["team_lead"],
    });
    expect(declared.deliveries.map((d) => d.channel)).toEqual(["slack", "sms", "phone"]);
  });

  it("a person whose rules name a channel they have no address for is reported unreachable on it", () => {
    const p = plan("P0", [{ ...lead, phone: "", rules: { high: smsThenCall } }]);
    expect(p.deliveries.map((d) => d.channel)).toEqual(["slack"]);
    expect(p.unreachable.map((u) => `${u.channel}: ${u.reason}`)).toEqual(["sms: no phone number", "phone: no phone number"]);
  });
});
