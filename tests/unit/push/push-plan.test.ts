import { describe, expect, it } from "vitest";
import { planNotifications, type ContactEntry, type NotificationEvent } from "@/lib/domain/notification-plan";
import { ackApiUrl, pushPayload, pushSubscriptionInput } from "@/lib/domain/push/subscription";

const start = new Date("2026-11-25T03:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const incident = { id: 7, title: "결제 실패 급증", severity: "P0" as const, startedAt: start, url: "https://ic.example/incidents/7" };
const onCall: ContactEntry = {
  role: "team_lead",
  name: "Kim Lead",
  phone: "+821011112222",
  email: "lead@example.com",
  slackHandle: "",
  userId: "u1",
  pushDevices: ["dev-a", "dev-b"],
};
const step: NotificationEvent = { kind: "escalation", role: "team_lead", fireKey: "team_lead", round: 0, at: at(15) };

describe("push in the notification plan", () => {
  it("an escalation step pushes once to each device of the paged person, keyed by step and device", () => {
    const plan = planNotifications({ incident, event: step, contacts: [onCall] });
    const pushes = plan.deliveries.filter((d) => d.channel === "push");
    expect(pushes.map((d) => d.to)).toEqual(["dev-a", "dev-b"]);
    expect(pushes.map((d) => d.idempotencyKey)).toEqual([
      "incident:7|escalation:team_lead|push|dev-a",
      "incident:7|escalation:team_lead|push|dev-b",
    ]);
    // the reminder is another page: new keys
    const reminder = planNotifications({ incident, event: { ...step, fireKey: "team_lead#renotify-1", round: 1 }, contacts: [onCall] });
    expect(reminder.deliveries.filter((d) => d.channel === "push").map((d) => d.idempotencyKey)[0]).toBe(
      "incident:7|escalation:team_lead#renotify-1|push|dev-a",
    );
  });

  it("no push for incident events, nor for a directory entry without an app user", () => {
    expect(
      planNotifications({
        incident,
        event: { kind: "declared", at: start },
        contacts: [onCall],
        onCallRoles: ["team_lead"],
      }).deliveries.some((d) => d.channel === "push"),
    ).toBe(false);
    const { userId: _drop, ...directoryEntry } = onCall;
    expect(planNotifications({ incident, event: step, contacts: [directoryEntry] }).deliveries.some((d) => d.channel === "push")).toBe(
      false,
    );
  });
});

describe("the push payload", () => {
  it("carries the title, severity, room and the acknowledge link's API, and stays far below the 4 KB push limit", () => {
    const long = "가".repeat(5000);
    const payload = pushPayload(
      {
        idempotencyKey: "incident:7|escalation:team_lead|push|dev-a",
        incidentId: "7",
        severity: "P0",
        subject: { ko: long, en: long },
        message: { ko: long, en: long },
        link: "https://ic.example/incidents/7",
        ack: { url: "https://ic.example/ack/abc.def", token: "abc.def" },
      },
      { acknowledge: "확인 (Acknowledge)", open: "열기 (Open)", acknowledged: "ok", failed: "no" },
    );
    expect(payload.ack).toEqual({ url: "https://ic.example/ack/abc.def", api: "https://ic.example/api/ack/abc.def" });
    expect(payload.severity).toBe("P0");
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThan(3000);
  });

  it("the API address of a link keeps its origin only", () => {
    expect(ackApiUrl("https://ic.example/ack/x.y?z", "x.y")).toBe("https://ic.example/api/ack/x.y");
    expect(ackApiUrl("not a url", "x")).toBeNull();
  });
});

describe("a subscription as the browser gives it", () => {
  const valid = {
    endpoint: "https://fcm.googleapis.com/fcm/send/abc",
    expirationTime: null,
    keys: { p256dh: `B${"A".repeat(86)}`, auth: "A".repeat(22) },
  };
  it("is taken with https endpoints and RFC 8291 key sizes only", () => {
    expect(pushSubscriptionInput.safeParse(valid).success).toBe(true);
    for (const bad of [
      { ...valid, endpoint: "http://fcm.googleapis.com/x" },
      { ...valid, endpoint: "https://a:b@fcm.googleapis.com/x" },
      { ...valid, endpoint: `https://x.example/${"a".repeat(1000)}` },
      { ...valid, keys: { ...valid.keys, p256dh: `C${"A".repeat(86)}` } },
      { ...valid, keys: { ...valid.keys, auth: "A".repeat(21) } },
      { ...valid, keys: { ...valid.keys, extra: "1" } },
    ])
      expect(pushSubscriptionInput.safeParse(bad).success, JSON.stringify(bad).slice(0, 120)).toBe(false);
  });
});
