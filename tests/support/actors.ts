import { prisma } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import type { Role } from "@/lib/domain/roles";

/** An actor for a seeded demo user of that role. */
export async function actorFor(role: Role): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email: `${role}@example.com` } });
  return { kind: "user", userId: user.id, tokenId: null, label: user.name, role };
}

export async function counts() {
  const [incidents, timeline, audit] = await Promise.all([prisma.incident.count(), prisma.timelineEvent.count(), prisma.auditLog.count()]);
  return { incidents, timeline, audit };
}
