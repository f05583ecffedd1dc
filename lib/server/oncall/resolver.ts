import "server-only";
// Who is on call for a role at an instant, from the stored schedules: one load of the schedules and the overrides
// that touch a window, then any number of in-memory lookups (the board asks for every step of every open incident).
import { prisma, type DB } from "../db";
import { onCallAt, shiftsBetween, coverageGaps, type Rota, type Shift } from "@/lib/domain/oncall/rota";
import { toRota } from "@/lib/domain/oncall/input";
import { storedLayers } from "./store";

export type ResolverDb = Pick<DB, "onCallSchedule" | "onCallOverride" | "user">;

export interface OnCallPerson {
  id: string;
  name: string;
  email: string;
}

export interface OnCallAnswer {
  role: string;
  at: Date;
  scheduleId: string | null;
  user: OnCallPerson | null;
  /** the deactivated member whose slot `user` covers (null when it is their own slot) */
  covering: { id: string; name: string | null } | null;
  until: Date | null;
}

export interface ResolvedShift {
  start: string;
  end: string;
  user: { id: string; name: string } | null;
  source: Shift["source"];
  /** the deactivated member whose slot `user` covers */
  covering: { id: string; name: string | null } | null;
}

export interface OnCallResolver {
  /** roles that have a schedule */
  roles: string[];
  at(role: string, instant: Date): OnCallAnswer;
  shifts(role: string, from: Date, to: Date): ResolvedShift[];
  gaps(role: string, from: Date, to: Date): { start: string; end: string }[];
  scheduleIdOf(role: string): string | null;
}

/**
 * Loads every schedule with the overrides that overlap [from, to) (plus a margin: an answer's `until` looks ahead).
 * Lookups outside the window still work but do not see overrides outside it.
 */
export async function loadOnCallResolver(from: Date, to: Date, db: ResolverDb = prisma): Promise<OnCallResolver> {
  const margin = 60 * 24 * 3_600_000;
  const schedules = await db.onCallSchedule.findMany({ orderBy: { role: "asc" } });
  const overrides = schedules.length
    ? await db.onCallOverride.findMany({
        where: { scheduleId: { in: schedules.map((s) => s.id) }, endsAt: { gt: from }, startsAt: { lt: new Date(to.getTime() + margin) } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      })
    : [];
  const rotas = new Map<string, { id: string; rota: Rota }>();
  const memberIds = new Set<string>(overrides.map((o) => o.userId));
  for (const s of schedules) {
    const layers = storedLayers(s.layers);
    layers.forEach((l) => l.members.forEach((m) => memberIds.add(m)));
    const rota = toRota({
      timeZone: s.timeZone,
      layers: layers.map((l) => ({ id: l.id, input: l })),
      overrides: overrides
        .filter((o) => o.scheduleId === s.id)
        .map((o) => ({ id: o.id, userId: o.userId, start: o.startsAt.getTime(), end: o.endsAt.getTime() })),
    });
    rotas.set(s.role, { id: s.id, rota });
  }
  const users = memberIds.size
    ? await db.user.findMany({ where: { id: { in: [...memberIds] } }, select: { id: true, name: true, email: true, active: true } })
    : [];
  const people = new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
  // Who cannot be on call: deactivated accounts and ids that match no user. The rota maths skips them (the next
  // available member covers), so a page never goes to an account that cannot answer.
  const active = new Set(users.filter((u) => u.active).map((u) => u.id));
  const unavailable = new Set([...memberIds].filter((id) => !active.has(id)));
  for (const { rota } of rotas.values()) rota.unavailable = unavailable;
  const person = (userId: string | null) => (userId && !unavailable.has(userId) && people.get(userId)) || null;
  const coveringOf = (source: Shift["source"]) => {
    const id = source?.kind === "layer" ? source.covering : undefined;
    return id ? { id, name: people.get(id)?.name ?? null } : null;
  };

  return {
    roles: [...rotas.keys()],
    scheduleIdOf: (role) => rotas.get(role)?.id ?? null,
    at(role, instant) {
      const entry = rotas.get(role);
      if (!entry) return { role, at: instant, scheduleId: null, user: null, covering: null, until: null };
      const answer = onCallAt(entry.rota, instant.getTime());
      return {
        role,
        at: instant,
        scheduleId: entry.id,
        user: person(answer.userId),
        covering: coveringOf(answer.source),
        until: Number.isFinite(answer.until) ? new Date(answer.until) : null,
      };
    },
    shifts(role, from, to) {
      const entry = rotas.get(role);
      if (!entry) return [];
      return shiftsBetween(entry.rota, from.getTime(), to.getTime()).map((s) => {
        const p = person(s.userId);
        return {
          start: new Date(s.start).toISOString(),
          end: new Date(s.end).toISOString(),
          user: p ? { id: p.id, name: p.name } : null,
          source: p ? s.source : null,
          covering: coveringOf(s.source),
        };
      });
    },
    gaps(role, from, to) {
      const entry = rotas.get(role);
      if (!entry) return [];
      return coverageGaps(entry.rota, from.getTime(), to.getTime()).map((g) => ({
        start: new Date(g.start).toISOString(),
        end: new Date(g.end).toISOString(),
      }));
    },
  };
}
