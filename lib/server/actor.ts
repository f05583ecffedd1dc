import "server-only";
// Who is asking: a signed-in user (session cookie) or an API token (Authorization: Bearer).
import { createHash } from "node:crypto";
import { getServerSession } from "next-auth";
import { authOptions } from "./auth-options";
import { prisma } from "./db";
import { AppError } from "./errors";
import { now } from "./clock";
import { can, isRole, type Permission, type Role } from "@/lib/domain/roles";

export interface Actor {
  kind: "user" | "token";
  /** user id for users; the creating user's id is not used for tokens */
  userId: string | null;
  tokenId: string | null;
  label: string;
  role: Role;
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export async function actorFromBearer(header: string | null): Promise<Actor | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("unauthorized", 'Malformed Authorization header: use "Bearer TOKEN".');
  const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(match[1]) } });
  if (!token || token.revokedAt) throw new AppError("unauthorized", "Unknown or revoked API token.");
  if (token.expiresAt && token.expiresAt.getTime() <= now().getTime())
    throw new AppError("unauthorized", "This API token has expired: ask an admin for a new one.");
  if (!isRole(token.role)) throw new AppError("unauthorized", "API token has an unknown role.");
  // Best-effort bookkeeping, at most once a minute per token so reads stay reads; never fails a request.
  const at = now();
  if (!token.lastUsedAt || at.getTime() - token.lastUsedAt.getTime() > 60_000) {
    prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: at } }).catch(() => undefined);
  }
  return { kind: "token", userId: null, tokenId: token.id, label: `token:${token.name}`, role: token.role };
}

/** The signed-in user; null when the session was signed out, the account deactivated or it is unknown (checked each request). */
export async function actorFromSession(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return {
    kind: "user",
    userId: session.user.id,
    tokenId: null,
    label: session.user.name ?? session.user.email ?? session.user.id,
    role: session.user.role,
  };
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw new AppError("forbidden", `Your role (${actor.role}) does not allow ${permission}.`);
  }
}
