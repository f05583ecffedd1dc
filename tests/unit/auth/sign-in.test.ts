import { describe, expect, it } from "vitest";
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  afterFailure,
  classifyProviderError,
  parseRoleMap,
  readClaims,
  retryAfterMs,
  roleFromGroups,
  type ThrottleState,
} from "@/lib/domain/sign-in";

const T0 = new Date("2026-11-29T10:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("sign-in throttling", () => {
  it("lets five wrong passwords through, then makes each further try wait twice as long, up to 15 minutes", () => {
    let state: ThrottleState | null = null;
    const waits: number[] = [];
    for (let i = 0; i < 16; i++) {
      state = afterFailure(state, ACCOUNT_POLICY, T0);
      waits.push(retryAfterMs(state, T0));
    }
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5, 10)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(waits.at(-1)).toBe(15 * 60_000);
    // 200 guesses against one account now take hours, not 39 seconds.
    let total = 0;
    state = null;
    let clock = 0;
    for (let i = 0; i < 200; i++) {
      clock += retryAfterMs(state, at(clock));
      state = afterFailure(state, ACCOUNT_POLICY, at(clock));
      total = clock;
    }
    expect(total).toBeGreaterThan(24 * 3600_000);
  });

  it("counts an address separately with more room (an office behind one NAT) and forgets after an hour of quiet", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 20; i++) state = afterFailure(state, ADDRESS_POLICY, T0);
    expect(retryAfterMs(state, T0)).toBe(0);
    state = afterFailure(state, ADDRESS_POLICY, T0);
    expect(retryAfterMs(state, T0)).toBe(2_000);
    expect(retryAfterMs(state, at(2_000))).toBe(0);
    const later = afterFailure(state, ADDRESS_POLICY, at(61 * 60_000));
    expect(later.failures).toBe(1);
    expect(later.blockedUntil).toBeNull();
  });
});

describe("SSO claims", () => {
  it("reads email, name and groups from the ID token or, when only there, from userinfo", () => {
    const fromId = readClaims(
      { sub: "u1", email: "Kim@Shop.Example", email_verified: true, name: "Kim", groups: ["ic-admins"] },
      null,
      "groups",
    );
    expect(fromId).toEqual({ subject: "u1", email: "kim@shop.example", emailVerified: true, name: "Kim", groups: ["ic-admins"] });
    const fromUserinfo = readClaims(
      { sub: "u1", iss: "https://idp" },
      { sub: "u1", email: "kim@shop.example", email_verified: true, name: "Kim", groups: "oncall ic-admins" },
      "groups",
    );
    expect(fromUserinfo).toMatchObject({ email: "kim@shop.example", emailVerified: true, name: "Kim", groups: ["oncall", "ic-admins"] });
    expect(readClaims({ sub: "u1", realm_access: { roles: ["a"] } }, null, "realm_access.roles").groups).toEqual(["a"]);
  });

  it("counts email_verified only when it is true, and refuses userinfo about another subject", () => {
    expect(readClaims({ sub: "u1", email: "a@b.c" }, null, null).emailVerified).toBe(false);
    expect(readClaims({ sub: "u1", email: "a@b.c", email_verified: "false" }, null, null).emailVerified).toBe(false);
    expect(readClaims({ sub: "u1", email: "a@b.c", email_verified: 1 }, null, null).emailVerified).toBe(false);
    expect(() => readClaims({ sub: "u1" }, { sub: "u2", email: "a@b.c" }, null)).toThrow(/subject/);
  });
});

describe("group → role mapping", () => {
  const map = parseRoleMap("ic-admins=admin, oncall=responder,war-room=commander");

  it("takes the most powerful role any group maps to, else the default", () => {
    expect(roleFromGroups(["oncall", "war-room"], map, "viewer")).toBe("commander");
    expect(roleFromGroups(["ic-admins", "oncall"], map, "viewer")).toBe("admin");
    expect(roleFromGroups(["marketing"], map, "viewer")).toBe("viewer");
    expect(roleFromGroups([], map, "manager")).toBe("manager");
  });

  it("names the bad part of OIDC_ROLE_MAP", () => {
    expect(() => parseRoleMap("ic-admins=root")).toThrow(/ic-admins=root/);
    expect(() => parseRoleMap("=admin")).toThrow(/OIDC_ROLE_MAP/);
  });
});

describe("what the login page says when the provider fails", () => {
  it("tells unreachable, cancelled and misconfigured apart", () => {
    expect(classifyProviderError("signin", { message: "connect ECONNREFUSED 127.0.0.1:9" })).toBe("sso_unreachable");
    expect(classifyProviderError("signin", { message: "expected 200 OK, got: 503 Service Unavailable" })).toBe("sso_unreachable");
    expect(classifyProviderError("callback", { message: "access_denied" })).toBe("sso_cancelled");
    expect(classifyProviderError("callback", { name: "OPError", message: "invalid_client (client authentication failed)" })).toBe(
      "sso_misconfigured",
    );
    expect(classifyProviderError("callback", { message: "something odd" })).toBe("sso_failed");
  });
});
