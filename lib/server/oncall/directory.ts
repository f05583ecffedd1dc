import "server-only";
// The contacts the notification planner pages, with the on-call person in place of a role's directory entry: an
// escalation step goes to whoever is on call when it fires; the directory entry is the fallback when nobody is.
import type { DB } from "../db";
import type { ContactEntry } from "@/lib/domain/notification-plan";
import { loadOnCallResolver } from "./resolver";

export type OnCallDirectoryDb = Pick<DB, "onCallSchedule" | "onCallOverride" | "user" | "userPagingContact">;

/**
 * One load for many instants in [from, to]: the board asks, for every pending step, whom it will page when it fires.
 * The answer at an instant: the directory, with each scheduled role that has someone on call then replaced by them.
 */
export async function onCallDirectory(
  db: OnCallDirectoryDb,
  directory: ContactEntry[],
  from: Date,
  to: Date,
): Promise<(at: Date) => ContactEntry[]> {
  const resolver = await loadOnCallResolver(from, to, db);
  if (resolver.roles.length === 0) return () => directory;
  const paging = await db.userPagingContact.findMany({});
  const reach = new Map(paging.map((p) => [p.userId, p]));
  return (at) => {
    const onCall = resolver.roles.map((role) => resolver.at(role, at)).filter((a) => a.user);
    if (onCall.length === 0) return directory;
    const replaced = new Set(onCall.map((a) => a.role));
    return [
      ...directory.filter((c) => !replaced.has(c.role)),
      ...onCall.map((a) => ({
        role: a.role,
        name: a.user!.name,
        phone: reach.get(a.user!.id)?.phone ?? "",
        email: a.user!.email,
        slackHandle: reach.get(a.user!.id)?.slackHandle ?? "",
        userId: a.user!.id,
      })),
    ];
  };
}

export async function withOnCall(db: OnCallDirectoryDb, directory: ContactEntry[], at: Date): Promise<ContactEntry[]> {
  return (await onCallDirectory(db, directory, at, at))(at);
}
