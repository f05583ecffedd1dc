// Sessions follow the account (role, deactivation, sign-out, password change), sign-in throttling, token expiry.
import { describe, expect, it } from "vitest";
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { prisma } from "@/lib/server/db";
import { authOptions, authorizeCredentials } from "@/lib/server/auth-options";
import { SESSION_CHECK_MS, patchUserInput, signOutEverywhere, updateUser } from "@/lib/server/users";
import { createApiToken } from "@/lib/server/tokens";
import { actorFromBearer } from "@/lib/server/actor";
import { advanceClock, now } from "@/lib/server/clock";
import { bootstrapAdmin } from "@/lib/server/seed-data";
import { signInWaitMs } from "@/lib/server/sign-in-throttle";
import { DEMO_PASSWORD } from "@/lib/domain/demo-users";
import { env, passwordSignInAllowed } from "@/lib/server/env";
import { actorFor } from "../support/actors";

const options = authOptions();
/** What every request does with the session cookie: the session callback decides who (if anyone) is signed in. */
async function sessionFor(token: JWT): Promise<Session["user"] | undefined> {
  const session = await options.callbacks!.session!({
    session: { expires: "2099-01-01T00:00:00Z" } as Session,
    token,
    user: undefined as never,
    newSession: undefined,
    trigger: "update",
  });
  return (session as Session).user;
}
const req = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

async function makeUser(email: string, role = "commander") {
  return prisma.user.create({
    data: {
      email,
      name: email.split("@")[0],
      role,
      passwordHash: (await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } })).passwordHash,
    },
  });
}

describe("sessions follow the account", () => {
  it("a demoted commander's open session loses the role within a minute (other instances re-read within SESSION_CHECK_MS)", async () => {
    const user = await makeUser("demote-me@example.com");
    const signedIn = await authorizeCredentials({ email: user.email, password: DEMO_PASSWORD }, req("10.0.0.1"));
    const token: JWT = { uid: signedIn!.id, sv: (signedIn as { sv?: number }).sv };
    expect((await sessionFor(token))?.role).toBe("commander");

    // Another instance changes the role (straight in the database): this instance follows within SESSION_CHECK_MS.
    await prisma.user.update({ where: { id: user.id }, data: { role: "viewer" } });
    expect(SESSION_CHECK_MS).toBeLessThanOrEqual(60_000);
    advanceClock(SESSION_CHECK_MS);
    expect((await sessionFor(token))?.role).toBe("viewer");

    // Through the admin API on this instance it is immediate, and audited.
    await updateUser(await actorFor("admin"), user.id, { role: "responder" });
    expect((await sessionFor(token))?.role).toBe("responder");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.update", entityId: user.id } });
    expect(audit).toMatchObject({ before: { role: "viewer", active: true }, after: { role: "responder", active: true } });
  });

  it("deactivation, sign-out, 'sign out everywhere' and a password change end open sessions", async () => {
    const admin = await actorFor("admin");
    const user = await makeUser("revoke-me@example.com");
    const token = async (): Promise<JWT> => ({
      uid: user.id,
      sv: (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion,
    });

    let t = await token();
    await updateUser(admin, user.id, { active: false });
    expect(await sessionFor(t)).toBeUndefined();
    await expect(authorizeCredentials({ email: user.email, password: DEMO_PASSWORD }, req("10.0.0.2"))).rejects.toThrow("deactivated");
    await updateUser(admin, user.id, { active: true });
    expect(await sessionFor(t)).toBeUndefined(); // reactivation does not revive old cookies

    t = await token();
    expect(await sessionFor(t)).toBeDefined();
    await options.events!.signOut!({ token: t, session: undefined as never });
    expect(await sessionFor(t)).toBeUndefined();

    t = await token();
    await signOutEverywhere(admin, user.id);
    expect(await sessionFor(t)).toBeUndefined();
    expect(await prisma.auditLog.count({ where: { action: "user.sign_out_everywhere", entityId: user.id } })).toBe(1);

    await bootstrapAdmin(prisma, "boot-admin@example.com", "first-password-1");
    const boot = await prisma.user.findUniqueOrThrow({ where: { email: "boot-admin@example.com" } });
    const bootToken: JWT = { uid: boot.id, sv: boot.sessionVersion };
    await bootstrapAdmin(prisma, "boot-admin@example.com", "first-password-1");
    expect(await sessionFor(bootToken)).toBeDefined(); // same password: sessions stay
    await bootstrapAdmin(prisma, "boot-admin@example.com", "second-password-2");
    advanceClock(SESSION_CHECK_MS);
    expect(await sessionFor(bootToken)).toBeUndefined();
  });

  it("the last active admin can be neither demoted nor deactivated; only admins manage users", async () => {
    const admin = await actorFor("admin");
    // Leave exactly one active admin.
    await prisma.user.updateMany({ where: { role: "admin", email: { not: "admin@example.com" } }, data: { active: false } });
    const only = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    await expect(updateUser(admin, only.id, { role: "commander" })).rejects.toMatchObject({ code: "conflict" });
    await expect(updateUser(admin, only.id, { active: false })).rejects.toMatchObject({ code: "conflict" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: only.id } })).toMatchObject({ role: "admin", active: true });

    const second = await makeUser("second-admin@example.com", "admin");
    await updateUser(admin, only.id, { role: "commander" });
    await expect(updateUser(admin, second.id, { active: false })).rejects.toMatchObject({ code: "conflict" });
    await updateUser(admin, only.id, { role: "admin" });

    await expect(updateUser(await actorFor("commander"), second.id, { role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    expect(patchUserInput.safeParse({}).success).toBe(false);
    expect(patchUserInput.safeParse({ role: "root" }).success).toBe(false);
    expect(patchUserInput.safeParse({ active: false, email: "x" }).success).toBe(false);
  });
});

describe("sign-in throttling", () => {
  it("slows down guessing on one account with growing waits, even for the right password, and audits each failure", async () => {
    const user = await makeUser("guess-me@example.com");
    for (let i = 0; i < 6; i++) {
      expect(await authorizeCredentials({ email: user.email, password: `wrong-${i}` }, req(`10.1.0.${i}`))).toBeNull();
    }
    // Six failures: the account waits 2 s, whatever address the next try comes from.
    const firstWait = await signInWaitMs(user.email, "10.9.9.9", now());
    expect(firstWait).toBeGreaterThan(0);
    expect(firstWait).toBeLessThanOrEqual(2_000);
    await expect(authorizeCredentials({ email: user.email, password: DEMO_PASSWORD }, req("10.9.9.9"))).rejects.toThrow("throttled");
    advanceClock(2_000);
    expect(await authorizeCredentials({ email: user.email, password: "wrong-again" }, req("10.9.9.9"))).toBeNull();
    // The seventh failure doubles the wait.
    const secondWait = await signInWaitMs(user.email, "10.9.9.9", now());
    expect(secondWait).toBeGreaterThan(3_000);
    expect(secondWait).toBeLessThanOrEqual(4_000);
    await expect(authorizeCredentials({ email: user.email, password: DEMO_PASSWORD }, req("10.9.9.9"))).rejects.toThrow("throttled");
    advanceClock(4_000);
    expect(await authorizeCredentials({ email: user.email, password: DEMO_PASSWORD }, req("10.9.9.9"))).toMatchObject({ id: user.id });
    // Success clears the account's count.
    expect(await authorizeCredentials({ email: user.email, password: "wrong-after" }, req("10.9.9.9"))).toBeNull();
    expect(await authorizeCredentials({ email: user.email, password: DEMO_PASSWORD }, req("10.9.9.9"))).toMatchObject({ id: user.id });

    // Throttled tries are refused before the account is looked up: they are filed under the email.
    const audit = await prisma.auditLog.findMany({
      where: { action: "auth.sign_in_failed", entityId: { in: [user.id, user.email] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => (a.after as { reason: string }).reason)).toEqual([
      ...Array(6).fill("wrong_password"),
      "throttled",
      "wrong_password",
      "throttled",
      "wrong_password",
    ]);
    expect(audit[0].after).toMatchObject({ email: user.email, address: "10.1.0.0" });
  });

  it("treats an unknown email exactly like a known one (same throttle, same refusal) and audits it", async () => {
    for (let i = 0; i < 6; i++)
      expect(await authorizeCredentials({ email: "nobody@example.com", password: "x" }, req("10.2.0.1"))).toBeNull();
    await expect(authorizeCredentials({ email: "nobody@example.com", password: "x" }, req("10.2.0.2"))).rejects.toThrow("throttled");
    const audit = await prisma.auditLog.findMany({ where: { action: "auth.sign_in_failed", entityId: "nobody@example.com" } });
    expect(audit).toHaveLength(7);
    expect(audit[0].after).toMatchObject({ reason: "unknown_account" });
  });

  it("slows down one address spraying many accounts", async () => {
    for (let i = 0; i < 21; i++)
      expect(await authorizeCredentials({ email: `spray-${i}@example.com`, password: "x" }, req("10.3.0.1"))).toBeNull();
    await expect(authorizeCredentials({ email: "spray-new@example.com", password: "x" }, req("10.3.0.1"))).rejects.toThrow("throttled");
    expect(await authorizeCredentials({ email: "spray-new@example.com", password: "x" }, req("10.3.0.2"))).toBeNull();
  });
});

describe("AUTH_PASSWORD=off", () => {
  it("keeps password sign-in only for the bootstrap admin, and only when SSO is configured", () => {
    const sso = {
      ...env(),
      OIDC_ISSUER: "https://idp.example",
      OIDC_CLIENT_ID: "ic",
      OIDC_CLIENT_SECRET: "s",
      ADMIN_EMAIL: "Ops@Shop.example",
    };
    expect(passwordSignInAllowed("commander@example.com", { ...sso, AUTH_PASSWORD: "off" })).toBe(false);
    expect(passwordSignInAllowed("ops@shop.example", { ...sso, AUTH_PASSWORD: "off" })).toBe(true);
    expect(passwordSignInAllowed("commander@example.com", { ...sso, AUTH_PASSWORD: "on" })).toBe(true);
    expect(passwordSignInAllowed("commander@example.com", { ...sso, OIDC_ISSUER: undefined, AUTH_PASSWORD: "off" })).toBe(true);
  });
});

describe("API tokens", () => {
  it("stop working when they expire", async () => {
    const created = await createApiToken(await actorFor("admin"), { name: "short-lived", role: "responder", expiresInDays: 1 });
    expect(created.expiresAt).not.toBeNull();
    expect(await actorFromBearer(`Bearer ${created.token}`)).toMatchObject({ role: "responder" });
    advanceClock(24 * 3600_000);
    await expect(actorFromBearer(`Bearer ${created.token}`)).rejects.toMatchObject({
      code: "unauthorized",
      message: expect.stringContaining("expired"),
    });
  });
});
