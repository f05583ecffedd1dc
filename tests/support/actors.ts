import { prisma } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import type { Role } from "@/lib/domain/roles";

/** An actor for a seeded demo user of that role. */
export async function actorFor(role: Role): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email: `${role}@example.com` } });
  return { kind: "user", userId: user.id, tokenId: null, label: user.name, role };
}

/** One actor per role asked for: `({ commander, viewer } = await actorsFor("commander", "viewer"))`. */
export async function actorsFor<R extends Role>(...roles: R[]): Promise<Record<R, Actor>> {
  const actors = await Promise.all(roles.map(actorFor));
  return Object.fromEntries(roles.map((role, i) => [role, actors[i]])) as Record<R, Actor>;
}

export async function counts() {
  const [incidents, timeline, audit] = await Promise.all([prisma.incident.count(), prisma.timelineEvent.count(), prisma.auditLog.count()]);
  return { incidents, timeline, audit };
}
