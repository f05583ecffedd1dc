import "server-only";
// The paging readiness view (admins): everybody on call in the next 7 days, their contact methods verified or not,
// and their last acknowledged test page; and one person's own view for their profile.
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { loadOnCallResolver } from "../oncall/resolver";
import { personReadiness, type CodeFact, type PersonDetails, type PersonReadiness } from "@/lib/domain/reach/readiness";

export const READINESS_WINDOW_MS = 7 * 24 * 60 * 60_000;

export interface OnCallReadiness extends PersonReadiness {
  roles: string[];
  /** the start of their first shift in the window (now, when they are on call already) */
  firstShiftAt: string;
}

async function details(
  userIds: string[],
): Promise<{ people: PersonDetails[]; links: Awaited<ReturnType<typeof testLinks>>; codes: CodeFact[] }> {
  const [users, paging, links, codes] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    prisma.userPagingContact.findMany({ where: { userId: { in: userIds } } }),
    testLinks(userIds),
    // codes typed back (lib/server/reach/verify.ts)
    prisma.contactVerification.findMany({
      where: { userId: { in: userIds }, verifiedAt: { not: null } },
      select: { userId: true, channel: true, target: true, verifiedAt: true },
    }),
  ]);
  const reach = new Map(paging.map((p) => [p.userId, p]));
  const people = users.map((u) => ({
    userId: u.id,
    name: u.name,
    email: u.email,
    phone: reach.get(u.id)?.phone ?? "",
    slackHandle: reach.get(u.id)?.slackHandle ?? "",
  }));
  return { people, links, codes };
}

function testLinks(userIds: string[]) {
  return prisma.ackLink.findMany({
    where: { purpose: "test", userId: { in: userIds } },
    select: { userId: true, channel: true, target: true, createdAt: true, usedAt: true },
  });
}

export async function myReadiness(userId: string): Promise<PersonReadiness | null> {
  const { people, links, codes } = await details([userId]);
  return people[0]
    ? personReadiness(
        people[0],
        links.map((l) => ({ ...l, userId: l.userId ?? "" })),
        codes,
      )
    : null;
}

export async function onCallReadiness(at: Date = clockNow()): Promise<{ from: string; to: string; people: OnCallReadiness[] }> {
  const to = new Date(at.getTime() + READINESS_WINDOW_MS);
  const resolver = await loadOnCallResolver(at, to);
  const onCall = new Map<string, { roles: Set<string>; first: number }>();
  for (const role of resolver.roles) {
    for (const shift of resolver.shifts(role, at, to)) {
      if (!shift.user) continue;
      const entry = onCall.get(shift.user.id) ?? { roles: new Set<string>(), first: Infinity };
      entry.roles.add(role);
      entry.first = Math.min(entry.first, Math.max(Date.parse(shift.start), at.getTime()));
      onCall.set(shift.user.id, entry);
    }
  }
  const { people, links, codes } = await details([...onCall.keys()]);
  const facts = links.map((l) => ({ ...l, userId: l.userId ?? "" }));
  const rows = people.map((p) => {
    const entry = onCall.get(p.userId)!;
    return { ...personReadiness(p, facts, codes), roles: [...entry.roles].sort(), firstShiftAt: new Date(entry.first).toISOString() };
  });
  rows.sort((a, b) => a.firstShiftAt.localeCompare(b.firstShiftAt) || a.name.localeCompare(b.name));
  return { from: at.toISOString(), to: to.toISOString(), people: rows };
}
