import "server-only";
// User management for admins (role, active, sign out everywhere, SSO links) and the per-request session check
// that makes those changes reach every open session within a minute.
import { z } from "zod";
import { prisma } from "./db";
import { requirePermission, type Actor } from "./actor";
import { writeAudit } from "./audit";
import { AppError, notFound } from "./errors";
import { now } from "./clock";
import { env } from "./env";
import { ROLES, type Role } from "@/lib/domain/roles";

// ---------------------------------------------------------------- session check

/** How long one instance trusts what it read about a user; changes reach every session within this (< 60 s). */
export const SESSION_CHECK_MS = 30_000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  sessionVersion: number;
}

type Cached = { at: number; user: SessionUser | null };
const store = globalThis as unknown as { __sessionUsers?: Map<string, Cached> };
const cache = () => (store.__sessionUsers ??= new Map<string, Cached>());

/** The account behind a session, read at most every SESSION_CHECK_MS per instance (measured on the app clock). */
export async function sessionUser(userId: string): Promise<SessionUser | null> {
  const at = now().getTime();
  const hit = cache().get(userId);
  if (hit && at - hit.at >= 0 && at - hit.at < SESSION_CHECK_MS) return hit.user;
  const row = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, active: true, sessionVersion: true },
  });
  const user = row ? { ...row, role: (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : "viewer" } : null;
  if (cache().size > 10_000) cache().clear();
  cache().set(userId, { at, user });
  return user;
}

/** This instance forgets what it knew (other instances follow within SESSION_CHECK_MS). */
export function forgetSessionUser(userId: string) {
  cache().delete(userId);
}

/** Ends every session of the user (sign-out, deactivation, password change, "sign out everywhere"). */
export async function bumpSessionVersion(userId: string) {
  await prisma.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  forgetSessionUser(userId);
}

// ---------------------------------------------------------------- listing

export async function listUsers(actor: Actor) {
  requirePermission(actor, "users.manage");
  const issuer = env().OIDC_ISSUER;
  const rows = await prisma.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    include: { identities: { select: { issuer: true, subject: true, email: true, lastSignInAt: true } } },
  });
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    active: u.active,
    signInMethods: [...(u.passwordHash ? ["password"] : []), ...(u.identities.length ? ["sso"] : [])],
    identities: u.identities.map((i) => ({
      issuer: i.issuer,
      subject: i.subject,
      email: i.email,
      current: !issuer || sameIssuer(i.issuer, issuer),
    })),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  }));
}

export const sameIssuer = (a: string, b: string) => a.replace(/\/+$/, "") === b.replace(/\/+$/, "");

// ---------------------------------------------------------------- changes

export const patchUserInput = z
  .strictObject({
    role: z.enum(ROLES, { error: `role must be one of: ${ROLES.join(", ")}.` }).optional(),
    active: z.boolean({ error: "active must be true or false." }).optional(),
  })
  .refine((v) => v.role !== undefined || v.active !== undefined, { message: "Send role, active or both.", path: ["role"] });

export async function updateUser(actor: Actor, id: string, input: z.infer<typeof patchUserInput>) {
  requirePermission(actor, "users.manage");
  const at = now();
  const result = await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw notFound("User");
    const role = input.role ?? before.role;
    const active = input.active ?? before.active;
    const losesAdmin = before.role === "admin" && before.active && (role !== "admin" || !active);
    if (losesAdmin) {
      const others = await tx.user.count({ where: { role: "admin", active: true, id: { not: id } } });
      if (others === 0) {
        throw new AppError("conflict", "This is the last active admin: make someone else an admin first.", {
          role: "The last active admin cannot be demoted or deactivated.",
        });
      }
    }
    if (role === before.role && active === before.active) return before;
    const deactivated = before.active && !active;
    const after = await tx.user.update({
      where: { id },
      data: { role, active, ...(deactivated ? { sessionVersion: { increment: 1 } } : {}) },
    });
    await writeAudit(tx, actor, {
      action: "user.update",
      entity: "user",
      entityId: id,
      before: { role: before.role, active: before.active },
      after: { role: after.role, active: after.active },
      at,
    });
    return after;
  });
  forgetSessionUser(id);
  return { id: result.id, name: result.name, email: result.email, role: result.role, active: result.active };
}

export async function signOutEverywhere(actor: Actor, id: string) {
  if (actor.userId !== id) requirePermission(actor, "users.manage");
  const at = now();
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound("User");
    await tx.user.update({ where: { id }, data: { sessionVersion: { increment: 1 } } });
    await writeAudit(tx, actor, {
      action: "user.sign_out_everywhere",
      entity: "user",
      entityId: id,
      before: { sessionVersion: user.sessionVersion },
      after: { sessionVersion: user.sessionVersion + 1 },
      at,
    });
  });
  forgetSessionUser(id);
}

export const linkIdentityInput = z.strictObject({
  subject: z
    .string({ error: 'subject is required: the user\'s "sub" at the provider.' })
    .trim()
    .min(1, 'subject is required: the user\'s "sub" at the provider.')
    .max(255, "subject is too long."),
  issuer: z.string().trim().url("issuer must be the provider's issuer URL.").optional(),
});

/** An admin binds a provider identity (issuer, subject) to an existing account, e.g. a password user moving to SSO. */
export async function linkIdentity(actor: Actor, userId: string, input: z.infer<typeof linkIdentityInput>) {
  requirePermission(actor, "users.manage");
  const issuer = input.issuer ?? env().OIDC_ISSUER;
  if (!issuer)
    throw new AppError("validation_failed", "SSO is not configured: give the issuer.", {
      issuer: "issuer is required when OIDC_ISSUER is not set.",
    });
  const at = now();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("User");
    const taken = await tx.userIdentity.findUnique({ where: { issuer_subject: { issuer, subject: input.subject } } });
    if (taken && taken.userId !== userId)
      throw new AppError("conflict", "This SSO identity already belongs to another user.", { subject: "Already linked to another user." });
    if (taken) return { linked: false };
    await tx.userIdentity.create({ data: { userId, issuer, subject: input.subject, createdAt: at } });
    await writeAudit(tx, actor, {
      action: "user.sso_link",
      entity: "user",
      entityId: userId,
      after: { issuer, subject: input.subject, by: "admin" },
      at,
    });
    return { linked: true };
  });
}

export async function unlinkIdentities(actor: Actor, userId: string) {
  requirePermission(actor, "users.manage");
  const at = now();
  await prisma.$transaction(async (tx) => {
    if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw notFound(`User ${userId.slice(0, 40)}`);
    const identities = await tx.userIdentity.findMany({ where: { userId } });
    if (identities.length === 0) return;
    await tx.userIdentity.deleteMany({ where: { userId } });
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await writeAudit(tx, actor, {
      action: "user.sso_unlink",
      entity: "user",
      entityId: userId,
      before: identities.map((i) => ({ issuer: i.issuer, subject: i.subject })),
      at,
    });
  });
  forgetSessionUser(userId);
}
