import "server-only";
// Company SSO (OpenID Connect): accounts are found by (issuer, subject), never by email.
// An SSO identity joins an existing account only through an explicit, authenticated link (the user from Settings, or
// an admin through the API); both are audited.
import { createHmac, timingSafeEqual } from "node:crypto";
import { AsyncLocalStorage } from "node:async_hooks";
import { prisma } from "./db";
import { writeAudit } from "./audit";
import { env } from "./env";
import { now } from "./clock";
import { forgetSessionUser } from "./users";
import { parseRoleMap, roleFromGroups, type RoleMap, type SsoClaims, type SsoFailure } from "@/lib/domain/sign-in";
import type { Actor } from "./actor";
import type { Role } from "@/lib/domain/roles";

export type SsoResult = { ok: true; userId: string; sessionVersion: number } | { ok: false; failure: SsoFailure; detail: string };

const system = (label: string): Actor => ({ kind: "user", userId: null, tokenId: null, label, role: "admin" });

export interface SsoConfig {
  defaultRole: Role;
  /** null = no group mapping: the role is set once at creation, admins change it later */
  roleMap: RoleMap | null;
}

export function ssoConfig(): SsoConfig {
  const e = env();
  return { defaultRole: e.OIDC_DEFAULT_ROLE, roleMap: e.OIDC_ROLE_CLAIM && e.OIDC_ROLE_MAP ? parseRoleMap(e.OIDC_ROLE_MAP) : null };
}

/** The role the provider's groups give, or null when no mapping is configured (the stored role stays). */
function mappedRole(claims: SsoClaims, config: SsoConfig): Role | null {
  return config.roleMap ? roleFromGroups(claims.groups, config.roleMap, config.defaultRole) : null;
}

/**
 * Decides which account an SSO sign-in becomes. `linkUserId` is set only when a signed-in user asked to link
 * (a signed, short-lived cookie made by an authenticated request).
 */
export async function resolveSsoSignIn(
  issuer: string,
  claims: SsoClaims,
  linkUserId: string | null = null,
  config: SsoConfig = ssoConfig(),
): Promise<SsoResult> {
  if (!claims.subject) return { ok: false, failure: "sso_failed", detail: "no subject in the ID token" };
  const at = now();
  const role = mappedRole(claims, config);
  const existing = await prisma.userIdentity.findUnique({
    where: { issuer_subject: { issuer, subject: claims.subject } },
    include: { user: true },
  });

  if (linkUserId) {
    if (existing && existing.userId !== linkUserId)
      return { ok: false, failure: "sso_already_linked", detail: `identity ${claims.subject} belongs to user ${existing.userId}` };
    if (!existing) {
      if (!claims.emailVerified)
        return { ok: false, failure: "sso_unverified", detail: `link refused: email ${claims.email ?? "(none)"} not verified` };
      const user = await prisma.user.findUnique({ where: { id: linkUserId } });
      if (!user?.active)
        return { ok: false, failure: "sso_deactivated", detail: `link refused: user ${linkUserId} missing or deactivated` };
      await prisma.$transaction(async (tx) => {
        await tx.userIdentity.create({
          data: { userId: user.id, issuer, subject: claims.subject, email: claims.email ?? "", createdAt: at, lastSignInAt: at },
        });
        await writeAudit(
          tx,
          { kind: "user", userId: user.id, tokenId: null, label: user.name, role: "viewer" },
          {
            action: "user.sso_link",
            entity: "user",
            entityId: user.id,
            after: { issuer, subject: claims.subject, email: claims.email, by: "self" },
            at,
          },
        );
      });
    }
  }

  const identity =
    existing ??
    (linkUserId
      ? await prisma.userIdentity.findUnique({ where: { issuer_subject: { issuer, subject: claims.subject } }, include: { user: true } })
      : null);
  if (identity) {
    const user = identity.user;
    if (!user.active) return { ok: false, failure: "sso_deactivated", detail: `user ${user.id} is deactivated` };
    const data: { lastSignInAt: Date; role?: string; email?: string } = { lastSignInAt: at };
    if (role && role !== user.role) data.role = role;
    // The groups never take away the last active admin (the same rule admins follow).
    if (
      data.role &&
      user.role === "admin" &&
      (await prisma.user.count({ where: { role: "admin", active: true, id: { not: user.id } } })) === 0
    ) {
      console.warn(`[auth] SSO groups would demote the last active admin ${user.email}; role kept`);
      delete data.role;
    }
    // Follow an email change at the provider when it is verified and nobody else uses that address.
    if (
      claims.email &&
      claims.emailVerified &&
      claims.email !== user.email &&
      !(await prisma.user.findUnique({ where: { email: claims.email } }))
    )
      data.email = claims.email;
    const updated = await prisma.$transaction(async (tx) => {
      await tx.userIdentity.update({ where: { id: identity.id }, data: { lastSignInAt: at, email: claims.email ?? identity.email } });
      const next = await tx.user.update({ where: { id: user.id }, data });
      if (data.role || data.email) {
        await writeAudit(tx, system(`sso:${issuer}`), {
          action: "user.sso_sync",
          entity: "user",
          entityId: user.id,
          before: { role: user.role, email: user.email },
          after: { role: next.role, email: next.email },
          at,
        });
      }
      return next;
    });
    forgetSessionUser(user.id);
    return { ok: true, userId: updated.id, sessionVersion: updated.sessionVersion };
  }

  // A new identity: only with a verified email, and never onto an existing account by matching that email.
  if (!claims.email) return { ok: false, failure: "sso_no_email", detail: "the provider sent no email (scope email missing?)" };
  if (!claims.emailVerified)
    return { ok: false, failure: "sso_unverified", detail: `email ${claims.email} is not verified at the provider` };
  if (await prisma.user.findUnique({ where: { email: claims.email } })) {
    return {
      ok: false,
      failure: "sso_email_taken",
      detail: `an account with ${claims.email} exists; it must link SSO itself (Settings) or an admin links it`,
    };
  }
  const created = await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: claims.email!, name: claims.name ?? claims.email!, role: role ?? config.defaultRole, lastSignInAt: at },
    });
    await tx.userIdentity.create({
      data: { userId: user.id, issuer, subject: claims.subject, email: claims.email!, createdAt: at, lastSignInAt: at },
    });
    await writeAudit(tx, system(`sso:${issuer}`), {
      action: "user.create_sso",
      entity: "user",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role, issuer, subject: claims.subject },
      at,
    });
    return user;
  });
  return { ok: true, userId: created.id, sessionVersion: created.sessionVersion };
}

// ---------------------------------------------------------------- explicit linking (signed cookie)

export const LINK_COOKIE = "ic.sso-link";
const LINK_TTL_MS = 10 * 60_000;

function sign(payload: string, secret: string) {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function linkCookieValue(userId: string, secret: string, at = now()): string {
  const payload = Buffer.from(JSON.stringify({ uid: userId, exp: at.getTime() + LINK_TTL_MS })).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

export function readLinkCookie(value: string | undefined, secret: string, at = now()): string | null {
  if (!value) return null;
  const [payload, mac] = value.split(".");
  if (!payload || !mac) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { uid, exp } = JSON.parse(Buffer.from(payload, "base64url").toString()) as { uid?: unknown; exp?: unknown };
    return typeof uid === "string" && typeof exp === "number" && exp > at.getTime() ? uid : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- failures of one auth request

/** What went wrong during one /api/auth request, so the route can send the login page a precise reason. */
export const authFailure = new AsyncLocalStorage<{ failure?: SsoFailure }>();

export function noteFailure(failure: SsoFailure, detail: string) {
  const store = authFailure.getStore();
  if (store && !store.failure) store.failure = failure;
  console.warn(`[auth] SSO sign-in failed (${failure}): ${detail}`);
}

// ---------------------------------------------------------------- RP-initiated logout

let discovery: { at: number; endSession: string | null } | undefined;

/** The provider's end_session_endpoint (discovery cached for 10 minutes), or null when it has none. */
export async function endSessionEndpoint(): Promise<string | null> {
  const issuer = env().OIDC_ISSUER;
  if (!issuer) return null;
  const at = now().getTime();
  if (discovery && at - discovery.at < 10 * 60_000) return discovery.endSession;
  try {
    const res = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3000) });
    const json = (await res.json()) as { end_session_endpoint?: unknown };
    discovery = { at, endSession: typeof json.end_session_endpoint === "string" ? json.end_session_endpoint : null };
  } catch (error) {
    console.warn(`[auth] provider discovery for logout failed: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  return discovery.endSession;
}
