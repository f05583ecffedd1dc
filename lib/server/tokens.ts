import "server-only";
// API tokens: created by admins, bound to a role, shown once, stored as a sha256 hash.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { prisma } from "./db";
import { hashToken, requirePermission, type Actor } from "./actor";
import { writeAudit } from "./audit";
import { AppError, notFound } from "./errors";
import { now } from "./clock";
import { ROLES } from "@/lib/domain/roles";

export const createTokenInput = z.strictObject({
  name: safeString({ error: "name is required." })
    .trim()
    .min(1, 'Give the token a name, e.g. "chatops-bot".')
    .max(100, "Name is too long (at most 100 characters)."),
  role: z.enum(ROLES, { error: `role must be one of: ${ROLES.join(", ")}.` }),
  /** the token stops working after this many days; absent = until revoked */
  expiresInDays: z
    .number({ error: "expiresInDays must be a whole number of days (1–3650)." })
    .int("expiresInDays must be a whole number of days (1–3650).")
    .min(1, "expiresInDays must be at least 1.")
    .max(3650, "expiresInDays must be at most 3650.")
    .optional(),
});

export async function createApiToken(actor: Actor, input: z.infer<typeof createTokenInput>) {
  requirePermission(actor, "tokens.manage");
  if (!actor.userId) throw new AppError("forbidden", "API tokens are created by a signed-in admin, not by another token.");
  const secret = `ic_${randomBytes(24).toString("base64url")}`;
  const at = now();
  const expiresAt = input.expiresInDays ? new Date(at.getTime() + input.expiresInDays * 86_400_000) : null;
  const token = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        role: input.role,
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, 8),
        createdById: actor.userId!,
        createdAt: at,
        expiresAt,
      },
    });
    await writeAudit(tx, actor, {
      action: "token.create",
      entity: "apiToken",
      entityId: created.id,
      after: { name: created.name, role: created.role, expiresAt: expiresAt?.toISOString() ?? null },
      at,
    });
    return created;
  });
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    token: secret,
  };
}

export async function revokeApiToken(actor: Actor, id: string) {
  requirePermission(actor, "tokens.manage");
  const at = now();
  await prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id } });
    if (!token) throw notFound("API token");
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: at } });
    await writeAudit(tx, actor, {
      action: "token.revoke",
      entity: "apiToken",
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: at.toISOString() },
      at,
    });
  });
}

export async function listApiTokens() {
  const rows = await prisma.apiToken.findMany({ orderBy: { createdAt: "desc" }, include: { createdBy: { select: { name: true } } } });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    role: t.role,
    prefix: t.prefix,
    createdBy: t.createdBy.name,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
  }));
}
