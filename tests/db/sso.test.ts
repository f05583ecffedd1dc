// Company SSO accounts are bound to (issuer, subject): an email at the provider never becomes someone else here.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { resolveSsoSignIn, type SsoConfig } from "@/lib/server/sso";
import { linkIdentity, unlinkIdentities } from "@/lib/server/users";
import { parseRoleMap, type SsoClaims } from "@/lib/domain/sign-in";
import { actorFor } from "../support/actors";

const ISSUER = "https://idp.test.example";
const plain: SsoConfig = { defaultRole: "viewer", roleMap: null };
const mapped: SsoConfig = { defaultRole: "viewer", roleMap: parseRoleMap("ic-admins=admin,war-room=commander") };
const claims = (over: Partial<SsoClaims>): SsoClaims => ({
  subject: "s",
  email: null,
  emailVerified: false,
  name: null,
  groups: [],
  ...over,
});

// Later test files find the demo users by their seeded email: undo what linking did to the responder here.
afterAll(async () => {
  const linked = await prisma.userIdentity.findFirst({ where: { issuer: ISSUER, subject: "resp-sso" } });
  if (linked) {
    await prisma.userIdentity.delete({ where: { id: linked.id } });
    await prisma.user.update({ where: { id: linked.userId }, data: { email: "responder@example.com" } });
  }
});

describe("SSO sign-in", () => {
  it("creates an account at the first verified sign-in and finds it again by subject after an email change", async () => {
    const first = await resolveSsoSignIn(
      ISSUER,
      claims({ subject: "sub-kim", email: "kim@shop.example", emailVerified: true, name: "Kim Min" }),
      null,
      plain,
    );
    expect(first.ok).toBe(true);
    const userId = first.ok ? first.userId : "";
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { identities: true } });
    expect(user).toMatchObject({ email: "kim@shop.example", name: "Kim Min", role: "viewer", passwordHash: null });
    expect(user.identities.map((i) => [i.issuer, i.subject])).toEqual([[ISSUER, "sub-kim"]]);
    expect(await prisma.auditLog.count({ where: { action: "user.create_sso", entityId: userId } })).toBe(1);

    const again = await resolveSsoSignIn(
      ISSUER,
      claims({ subject: "sub-kim", email: "min.kim@shop.example", emailVerified: true, name: "Min" }),
      null,
      plain,
    );
    expect(again).toMatchObject({ ok: true, userId });
    expect(await prisma.user.count({ where: { identities: { some: { subject: "sub-kim" } } } })).toBe(1);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(after.email).toBe("min.kim@shop.example");
    expect(after.name).toBe("Kim Min"); // the stored name stays
  });

  it("never signs a provider identity in as the password user with the same email, verified or not", async () => {
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const unverified = await resolveSsoSignIn(
      ISSUER,
      claims({ subject: "evil-1", email: "admin@example.com", emailVerified: false }),
      null,
      plain,
    );
    expect(unverified).toMatchObject({ ok: false, failure: "sso_unverified" });
    const verified = await resolveSsoSignIn(
      ISSUER,
      claims({ subject: "evil-2", email: "ADMIN@example.com".toLowerCase(), emailVerified: true, groups: ["ic-admins"] }),
      null,
      mapped,
    );
    expect(verified).toMatchObject({ ok: false, failure: "sso_email_taken" });
    expect(await prisma.userIdentity.count({ where: { subject: { in: ["evil-1", "evil-2"] } } })).toBe(0);
    expect(await prisma.userIdentity.count({ where: { userId: admin.id } })).toBe(0);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: "admin",
      sessionVersion: admin.sessionVersion,
    });
  });

  it("refuses to create an account without a verified email", async () => {
    expect(
      await resolveSsoSignIn(ISSUER, claims({ subject: "new-1", email: "new1@shop.example", emailVerified: false }), null, plain),
    ).toMatchObject({ ok: false, failure: "sso_unverified" });
    expect(await resolveSsoSignIn(ISSUER, claims({ subject: "new-2" }), null, plain)).toMatchObject({ ok: false, failure: "sso_no_email" });
    expect(await prisma.user.count({ where: { email: "new1@shop.example" } })).toBe(0);
  });

  it("links an identity only by the signed-in user's explicit request (verified email), audited", async () => {
    const responder = await prisma.user.findUniqueOrThrow({ where: { email: "responder@example.com" } });
    expect(
      await resolveSsoSignIn(
        ISSUER,
        claims({ subject: "resp-sso", email: "responder@example.com", emailVerified: false }),
        responder.id,
        plain,
      ),
    ).toMatchObject({ ok: false, failure: "sso_unverified" });
    const linked = await resolveSsoSignIn(
      ISSUER,
      claims({ subject: "resp-sso", email: "responder@corp.example", emailVerified: true }),
      responder.id,
      plain,
    );
    expect(linked).toMatchObject({ ok: true, userId: responder.id });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.sso_link", entityId: responder.id } });
    expect(audit.after).toMatchObject({ issuer: ISSUER, subject: "resp-sso", by: "self" });
    // From now on the identity signs in as the responder without any link request.
    expect(await resolveSsoSignIn(ISSUER, claims({ subject: "resp-sso" }), null, plain)).toMatchObject({ ok: true, userId: responder.id });
    // Another user cannot take that identity over.
    const manager = await prisma.user.findUniqueOrThrow({ where: { email: "manager@example.com" } });
    expect(
      await resolveSsoSignIn(ISSUER, claims({ subject: "resp-sso", email: "x@corp.example", emailVerified: true }), manager.id, plain),
    ).toMatchObject({ ok: false, failure: "sso_already_linked" });
  });

  it("lets an admin link and unlink an identity by subject, audited", async () => {
    const admin = await actorFor("admin");
    const manager = await prisma.user.findUniqueOrThrow({ where: { email: "manager@example.com" } });
    expect(await linkIdentity(admin, manager.id, { subject: "mgr-sso", issuer: ISSUER })).toEqual({ linked: true });
    expect(await resolveSsoSignIn(ISSUER, claims({ subject: "mgr-sso" }), null, plain)).toMatchObject({ ok: true, userId: manager.id });
    await expect(
      linkIdentity(admin, (await prisma.user.findUniqueOrThrow({ where: { email: "viewer@example.com" } })).id, {
        subject: "mgr-sso",
        issuer: ISSUER,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(linkIdentity(await actorFor("commander"), manager.id, { subject: "x", issuer: ISSUER })).rejects.toMatchObject({
      code: "forbidden",
    });
    await unlinkIdentities(admin, manager.id);
    expect(await prisma.userIdentity.count({ where: { userId: manager.id } })).toBe(0);
    const actions = (await prisma.auditLog.findMany({ where: { entityId: manager.id }, orderBy: { createdAt: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["user.sso_link", "user.sso_unlink"]));
  });

  it("maps provider groups to a role at every sign-in, the default when none matches", async () => {
    const first = await resolveSsoSignIn(
      ISSUER,
      claims({ subject: "grp-1", email: "grp1@shop.example", emailVerified: true, groups: ["war-room"] }),
      null,
      mapped,
    );
    const id = first.ok ? first.userId : "";
    expect((await prisma.user.findUniqueOrThrow({ where: { id } })).role).toBe("commander");
    await resolveSsoSignIn(ISSUER, claims({ subject: "grp-1", groups: ["war-room", "ic-admins"] }), null, mapped);
    expect((await prisma.user.findUniqueOrThrow({ where: { id } })).role).toBe("admin");
    await resolveSsoSignIn(ISSUER, claims({ subject: "grp-1", groups: [] }), null, mapped);
    expect((await prisma.user.findUniqueOrThrow({ where: { id } })).role).toBe("viewer");
    expect(await prisma.auditLog.count({ where: { action: "user.sso_sync", entityId: id } })).toBe(2);
  });

  it("refuses a deactivated account", async () => {
    const r = await resolveSsoSignIn(ISSUER, claims({ subject: "gone-1", email: "gone@shop.example", emailVerified: true }), null, plain);
    const id = r.ok ? r.userId : "";
    await prisma.user.update({ where: { id }, data: { active: false } });
    expect(await resolveSsoSignIn(ISSUER, claims({ subject: "gone-1" }), null, plain)).toMatchObject({
      ok: false,
      failure: "sso_deactivated",
    });
  });
});
