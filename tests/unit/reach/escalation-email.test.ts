import { describe, expect, it } from "vitest";
import { planNotifications } from "@/lib/domain/notification-plan";

const incident = { id: 7, title: "Checkout down", severity: "P0" as const, startedAt: new Date("2026-11-29T00:00:00Z") };
const event = {
  kind: "escalation" as const,
  role: "team_lead" as const,
  fireKey: "team_lead",
  round: 0,
  at: new Date("2026-11-29T00:15:00Z"),
};
const onCall = { role: "team_lead", name: "Kim", phone: "+82 10-1111-2222", email: "Kim@Example.com", slackHandle: "", userId: "u1" };

describe("escalation pages to an on-call person", () => {
  it("by the default rules: the manual's P0 channels plus an email (the acknowledge link's home), the call a minute later; a directory entry gets the manual's only", () => {
    const routes = (contacts: (typeof onCall | Omit<typeof onCall, "userId">)[]) =>
      planNotifications({ incident, event, contacts }).deliveries.map(
        (d) => `${d.channel}:${d.to}${d.notBefore ? `@+${(d.notBefore.getTime() - event.at.getTime()) / 60_000}m` : ""}`,
      );
    expect(routes([onCall])).toEqual(["slack:#emergency", "sms:+821011112222", "email:kim@example.com", "phone:+821011112222@+1m"]);
    const { userId: _, ...directory } = onCall;
    expect(routes([directory])).toEqual(["slack:#emergency", "sms:+821011112222", "phone:+821011112222"]);
  });
});
