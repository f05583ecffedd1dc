import "server-only";
// The read side of the on-call API: who is on call for a role at an instant, and a schedule's final rota.
import { z } from "zod";
import { AppError, notFound } from "../errors";
import { now } from "../clock";
import { prisma } from "../db";
import { validationError } from "../api";
import { loadOnCallResolver, type ResolvedShift } from "./resolver";
import { CONTACT_ROLES } from "@/lib/domain/contacts";

const MAX_RANGE_MS = 92 * 24 * 3_600_000;
const instant = (field: string) =>
  z.iso.datetime({ offset: true, message: `${field} must be an ISO 8601 time, e.g. 2026-12-01T03:00:00+09:00.` });

export const onCallQuery = z.strictObject({
  role: z.enum(CONTACT_ROLES, { error: `role must be one of: ${CONTACT_ROLES.join(", ")}.` }),
  at: instant("at").optional(),
});

export const shiftsQuery = z
  .strictObject({ from: instant("from").optional(), to: instant("to").optional() })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), { message: "to must be after from.", path: ["to"] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= MAX_RANGE_MS, {
    message: "Ask for at most 92 days at a time.",
    path: ["to"],
  });

export function parseQuery<T>(schema: z.ZodType<T>, url: string): T {
  const parsed = schema.safeParse(Object.fromEntries(new URL(url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export async function whoIsOnCall(role: string, at: Date) {
  const resolver = await loadOnCallResolver(at, at);
  const answer = resolver.at(role, at);
  return {
    role,
    at: at.toISOString(),
    user: answer.user ? { id: answer.user.id, name: answer.user.name } : null,
    scheduleId: answer.scheduleId,
    until: answer.until?.toISOString() ?? null,
  };
}

export async function scheduleShifts(
  scheduleId: string,
  query: { from?: string; to?: string },
): Promise<{ scheduleId: string; role: string; from: string; to: string; items: ResolvedShift[] }> {
  const schedule = await prisma.onCallSchedule.findUnique({ where: { id: scheduleId }, select: { id: true, role: true } });
  if (!schedule) throw notFound(`Schedule ${scheduleId.slice(0, 40)}`);
  const from = query.from ? new Date(query.from) : now();
  const to = query.to ? new Date(query.to) : new Date(from.getTime() + 14 * 24 * 3_600_000);
  if (to.getTime() - from.getTime() > MAX_RANGE_MS)
    throw new AppError("validation_failed", "Ask for at most 92 days at a time.", { to: "range" });
  const resolver = await loadOnCallResolver(from, to);
  return {
    scheduleId,
    role: schedule.role,
    from: from.toISOString(),
    to: to.toISOString(),
    items: resolver.shifts(schedule.role, from, to),
  };
}

export interface OnCallSummaryItem {
  role: string;
  scheduleId: string;
  scheduleName: string;
  /** covering: the deactivated member whose slot the person on call covers (null when it is their own) */
  now: { user: { id: string; name: string } | null; covering: { id: string; name: string | null } | null; until: string | null };
  next: {
    user: { id: string; name: string } | null;
    covering: { id: string; name: string | null } | null;
    from: string | null;
    until: string | null;
  };
  /** spans with nobody on call in the next 14 days */
  gaps: { start: string; end: string }[];
}

const GAP_HORIZON_MS = 14 * 24 * 3_600_000;

/** Per scheduled role: who is on call now and who is next, and the coverage gaps of the next 14 days. */
export async function onCallSummary(at: Date = now()): Promise<{ at: string; items: OnCallSummaryItem[] }> {
  const horizon = new Date(at.getTime() + GAP_HORIZON_MS);
  const resolver = await loadOnCallResolver(at, horizon);
  const schedules = await prisma.onCallSchedule.findMany({ select: { id: true, role: true, name: true } });
  const items = schedules
    .sort((a, b) => CONTACT_ROLES.indexOf(a.role as never) - CONTACT_ROLES.indexOf(b.role as never))
    .map((s) => {
      const current = resolver.at(s.role, at);
      const next = current.until ? resolver.at(s.role, current.until) : null;
      const person = (u: { id: string; name: string } | null) => (u ? { id: u.id, name: u.name } : null);
      return {
        role: s.role,
        scheduleId: s.id,
        scheduleName: s.name,
        now: { user: person(current.user), covering: current.covering, until: current.until?.toISOString() ?? null },
        next: {
          user: person(next?.user ?? null),
          covering: next?.covering ?? null,
          from: current.until?.toISOString() ?? null,
          until: next?.until?.toISOString() ?? null,
        },
        gaps: resolver.gaps(s.role, at, horizon),
      };
    });
  return { at: at.toISOString(), items };
}

/** The signed-in person's shifts across every schedule in [from, to). */
export async function myShifts(userId: string, query: { from?: string; to?: string }) {
  const from = query.from ? new Date(query.from) : now();
  const to = query.to ? new Date(query.to) : new Date(from.getTime() + 28 * 24 * 3_600_000);
  const resolver = await loadOnCallResolver(from, to);
  const items = resolver.roles
    .flatMap((role) =>
      resolver
        .shifts(role, from, to)
        .filter((s) => s.user?.id === userId)
        .map((s) => ({
          role,
          scheduleId: resolver.scheduleIdOf(role),
          start: s.start,
          end: s.end,
          override: s.source?.kind === "override",
          covering: s.covering,
        })),
    )
    .sort((a, b) => a.start.localeCompare(b.start));
  return { from: from.toISOString(), to: to.toISOString(), items };
}
