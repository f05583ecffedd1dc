import { describe, expect, it } from "vitest";
import { personReadiness } from "@/lib/domain/reach/readiness";

const person = { userId: "u1", name: "Kim", email: "Kim@Example.com", phone: "+82 10-1111-2222", slackHandle: "" };
const at = (m: number) => new Date(Date.UTC(2026, 10, 29, 0, m));

describe("personal paging readiness", () => {
  it("a method is verified when a test page to that very address or number was acknowledged", () => {
    const r = personReadiness(person, [
      { userId: "u1", channel: "email", target: "kim@example.com", createdAt: at(0), usedAt: at(2) },
      { userId: "u1", channel: "sms", target: "+821011112222", createdAt: at(0), usedAt: null },
      // a test of an old number proves nothing about the new one
      { userId: "u1", channel: "phone", target: "+821099990000", createdAt: at(0), usedAt: at(1) },
      { userId: "u2", channel: "sms", target: "+821011112222", createdAt: at(5), usedAt: at(6) },
    ]);
    expect(r.methods.map((m) => [m.channel, m.target, m.verified])).toEqual([
      ["email", "kim@example.com", true],
      ["sms", "+821011112222", false],
      ["phone", "+821011112222", false],
      ["slack", "", false],
    ]);
    expect(r.lastTestAckAt).toBe(at(2).toISOString());
    expect(r.lastTestSentAt).toBe(at(0).toISOString());
  });

  it("never tested: nothing verified, no acknowledgement", () => {
    const r = personReadiness(person, []);
    expect(r.methods.every((m) => !m.verified)).toBe(true);
    expect(r.lastTestAckAt).toBeNull();
  });
});
