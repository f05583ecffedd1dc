import { describe, expect, it } from "vitest";
import { CODE_MAX_TRIES, checkCode, newCode, normalizeCode, resendAllowedAt, type PendingCode } from "@/lib/domain/reach/verify-code";
import { personReadiness } from "@/lib/domain/reach/readiness";

const at = (m: number) => new Date(Date.UTC(2026, 10, 30, 0, m));
const pending = (over: Partial<PendingCode> = {}): PendingCode => ({
  target: "+821011112222",
  createdAt: at(0),
  expiresAt: at(10),
  attempts: 0,
  verifiedAt: null,
  ...over,
});

describe("verification codes", () => {
  it("six digits from the random source; typed with spaces or dashes", () => {
    const digits = [1, 0, 9, 12, 3, 4];
    expect(newCode(() => digits.shift()!)).toBe("109234");
    expect(normalizeCode(" 123-456 ")).toBe("123456");
    expect(normalizeCode("12345")).toBeNull();
    expect(normalizeCode("12345a")).toBeNull();
    expect(normalizeCode("1234567")).toBeNull();
  });

  it("the right code within 10 minutes verifies; after them it has expired", () => {
    expect(checkCode(pending(), "+821011112222", at(9), true)).toEqual({ state: "verified" });
    expect(checkCode(pending(), "+821011112222", at(10), true)).toEqual({ state: "expired" });
  });

  it("each wrong try counts; the fifth locks the code, and then even the right one is refused", () => {
    expect(checkCode(pending(), "+821011112222", at(1), false)).toEqual({ state: "wrong", triesLeft: 4 });
    expect(checkCode(pending({ attempts: CODE_MAX_TRIES - 1 }), "+821011112222", at(1), false)).toEqual({ state: "wrong", triesLeft: 0 });
    expect(checkCode(pending({ attempts: CODE_MAX_TRIES }), "+821011112222", at(1), true)).toEqual({ state: "locked" });
  });

  it("a code for another value, a used code or none: nothing to check", () => {
    expect(checkCode(pending(), "+821099990000", at(1), true)).toEqual({ state: "none" });
    expect(checkCode(pending({ verifiedAt: at(1) }), "+821011112222", at(2), true)).toEqual({ state: "none" });
    expect(checkCode(null, "+821011112222", at(1), true)).toEqual({ state: "none" });
    expect(checkCode(pending(), "", at(1), true)).toEqual({ state: "none" });
  });

  it("one code a minute per value", () => {
    expect(resendAllowedAt(pending(), "+821011112222", at(0))).toEqual(at(1));
    expect(resendAllowedAt(pending(), "+821011112222", at(1))).toBeNull();
    expect(resendAllowedAt(pending(), "+821099990000", at(0))).toBeNull();
    expect(resendAllowedAt(pending({ verifiedAt: at(0) }), "+821011112222", at(0))).toBeNull();
  });

  it("a code typed back verifies its value in the readiness view: SMS proves the number for calls too", () => {
    const person = { userId: "u1", name: "Kim", email: "kim@example.com", phone: "+82 10-1111-2222", slackHandle: "U1" };
    const r = personReadiness(
      person,
      [],
      [
        { userId: "u1", channel: "sms", target: "+821011112222", verifiedAt: at(3) },
        { userId: "u1", channel: "email", target: "old@example.com", verifiedAt: at(2) },
        { userId: "u2", channel: "email", target: "kim@example.com", verifiedAt: at(2) },
      ],
    );
    expect(r.methods.map((m) => [m.channel, m.verified])).toEqual([
      ["email", false],
      ["sms", true],
      ["phone", true],
      ["slack", false],
    ]);
    expect(r.methods.find((m) => m.channel === "sms")!.verifiedAt).toBe(at(3).toISOString());
    // codes are not test pages
    expect(r.lastTestAckAt).toBeNull();
  });
});
