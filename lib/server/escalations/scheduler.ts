import "server-only";
// The escalation scheduler: one tick computes every open incident's schedule from its durable history,
// persists the steps that are due, claims each atomically and fires it exactly once. It runs in every
// app instance (start.ts); the database arbitrates:
//   1. insert   EscalationFiring (incidentId, fireKey) is unique, so a step is persisted once whoever sees it first;
//   2. claim    UPDATE … SET claimedBy = me WHERE firedAt IS NULL AND (claimedAt IS NULL OR claimedAt < now − lease)
//               RETURNING: the rows returned are ours; a claim that never completes (instance killed) expires
//               and is taken again;
//   3. fire     in a transaction, each step fenced by WHERE firedAt IS NULL AND claimedBy = me AND claimedAt =
//               my claim: firedAt + lateByMs, the notification rows (outbox) and the timeline entry commit
//               together or not at all.
// So a crash between claim and fire loses nothing (the claim expires) and doubles nothing (the fence), and
// steps that came due while every instance was down fire on the first tick after, marked late by how much.
import { prisma } from "../db";
import { publish } from "../change-bus";
import { dueSteps, type Firing } from "@/lib/domain/escalation-schedule";
import { isSeverity } from "@/lib/domain/severity";
import { planNotifications, roleLabel, type Unreachable } from "@/lib/domain/notification-plan";
import { firedKeys, loadHistories, scheduleOf, type IncidentHistory, type ScheduleOptions } from "./state";
import { incidentUrl, writeOutbox, type OutboxEntry } from "./outbox";
import { loadDirectory } from "./directory";
import { isUniqueViolation } from "../db-errors";
import { ESCALATIONS_TOPIC, incidentRoomChange } from "./topics";
import { incidentsHeldByMaintenance } from "../status/maintenance";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ContactEntry } from "@/lib/domain/notification-plan";
import type { BusinessHours } from "@/lib/domain/business-hours";
import { withAckLinks } from "../reach/page-links";

/** Longer than any fire transaction takes, short enough that a killed instance's claim is retaken soon. */
export const FIRING_LEASE_MS = 30_000;
const SCHEDULER_ACTOR = "Escalation scheduler";

export interface SchedulerTickOptions extends ScheduleOptions {
  leaseMs?: number;
  /** fault-injection seam for tests: runs after a firing is claimed, before it is fired */
  afterClaim?: (firing: { id: string; incidentId: number; fireKey: string }) => Promise<void> | void;
}

export interface FiredStep {
  firingId: string;
  incidentId: number;
  fireKey: string;
  role: string;
  dueAt: Date;
  firedAt: Date;
  lateByMs: number;
  notifications: number;
}

export interface SchedulerTickResult {
  /** steps owed at `now` that had not fired when the tick started */
  due: number;
  /** the earliest step still to come (any open incident), so the loop can wake right then instead of up to a tick late */
  nextDueAt: Date | null;
  inserted: number;
  fired: FiredStep[];
}

const keyOf = (incidentId: number, fireKey: string) => `${incidentId}|${fireKey}`;

export async function runSchedulerTick(now: Date, instanceId: string, options: SchedulerTickOptions = {}): Promise<SchedulerTickResult> {
  const leaseMs = options.leaseMs ?? FIRING_LEASE_MS;
  const open = await loadHistories({ status: { not: "resolved" } });
  // Escalations of an incident whose components are all under maintenance wait for the window's end.
  const held = await incidentsHeldByMaintenance(
    open.map((h) => h.incident.id),
    now,
  );
  const histories = held.size ? open.filter((h) => !held.has(h.incident.id)) : open;
  const owed = new Map<string, { history: IncidentHistory; firing: Firing }>();
  let nextDueAt: Date | null = null;
  for (const history of histories) {
    const schedule = scheduleOf(history, now, options);
    const upcoming = schedule.next?.dueAt;
    if (upcoming && upcoming > now && (!nextDueAt || upcoming < nextDueAt)) nextDueAt = upcoming;
    for (const firing of dueSteps(schedule, firedKeys(history))) {
      owed.set(keyOf(history.incident.id, firing.fireKey), { history, firing });
    }
  }
  if (owed.size === 0) return { due: 0, nextDueAt, inserted: 0, fired: [] };

  // 1. Persist what is due. One statement for all; if another instance wrote some of them meanwhile,
  //    the unique (incidentId, fireKey) refuses the batch and the rows are written one by one instead.
  const known = new Set(histories.flatMap((h) => h.firings.map((f) => keyOf(f.incidentId, f.fireKey))));
  const missing = [...owed.entries()]
    .filter(([key]) => !known.has(key))
    .map(([, { history, firing }]) => ({
      incidentId: history.incident.id,
      fireKey: firing.fireKey,
      stepKey: firing.stepKey,
      role: firing.role,
      dueAt: firing.dueAt,
    }));
  let inserted = 0;
  try {
    inserted = missing.length ? (await prisma.escalationFiring.createMany({ data: missing })).count : 0;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    for (const data of missing) {
      try {
        await prisma.escalationFiring.create({ data });
        inserted++;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
  }

  // 2. Claim every unfired row that is owed now, in one statement: the rows it returns are ours.
  //    (Not owed now: its step was cancelled. Claimed less than a lease ago: another instance is on it.)
  const incidentIds = [...new Set([...owed.values()].map((o) => o.history.incident.id))];
  const cutoff = new Date(now.getTime() - leaseMs);
  const candidates = (
    await prisma.escalationFiring.findMany({
      where: { incidentId: { in: incidentIds }, firedAt: null },
      select: { id: true, incidentId: true, fireKey: true, claimedAt: true },
    })
  ).filter((row) => owed.has(keyOf(row.incidentId, row.fireKey)) && !(row.claimedAt && row.claimedAt >= cutoff));
  if (candidates.length === 0) return { due: owed.size, nextDueAt, inserted, fired: [] };
  // in chunks: thousands of steps due at once would exceed the database's bound-parameter limit in one statement
  const claimed: { id: string; incidentId: number; fireKey: string }[] = [];
  for (let i = 0; i < candidates.length; i += CLAIM_CHUNK) {
    claimed.push(
      ...(await prisma.escalationFiring.updateManyAndReturn({
        where: {
          id: { in: candidates.slice(i, i + CLAIM_CHUNK).map((c) => c.id) },
          firedAt: null,
          OR: [{ claimedAt: null }, { claimedAt: { lt: cutoff } }],
        },
        data: { claimedBy: instanceId, claimedAt: now },
        select: { id: true, incidentId: true, fireKey: true },
      })),
    );
  }
  for (const row of claimed) await options.afterClaim?.(row);

  // 3. Fire, a batch per transaction (one commit for many steps; a failed batch keeps its claims until
  //    the lease ends, and the next tick fires them).
  const { contacts, businessHours } = claimed.length ? await loadDirectory(undefined, now) : { contacts: [], businessHours: undefined };
  const fired: FiredStep[] = [];
  for (let i = 0; i < claimed.length; i += FIRE_BATCH) {
    const batch = claimed.slice(i, i + FIRE_BATCH).map((row) => ({ id: row.id, ...owed.get(keyOf(row.incidentId, row.fireKey))! }));
    try {
      fired.push(...(await fireBatch(batch, instanceId, now, { contacts, businessHours })));
    } catch (error) {
      console.error(`[escalations] ${batch.length} steps could not be fired this tick (retried after the lease)`, error);
    }
  }

  if (fired.length > 0) {
    await publish(ESCALATIONS_TOPIC, ...[...new Set(fired.map((f) => f.incidentId))].map(incidentRoomChange));
  }
  return { due: owed.size, nextDueAt, inserted, fired };
}

const FIRE_BATCH = 50;
const CLAIM_CHUNK = 500;
/** A busy database may make a batch wait for the write lock; it must still finish well inside the lease. */
const TX_OPTIONS = { maxWait: 10_000, timeout: FIRING_LEASE_MS / 2 };

async function fireBatch(
  batch: { id: string; history: IncidentHistory; firing: Firing }[],
  instanceId: string,
  now: Date,
  directory: { contacts: ContactEntry[]; businessHours?: BusinessHours },
): Promise<FiredStep[]> {
  return prisma.$transaction(async (tx) => {
    // Writes come first: they take the rows (and on SQLite the write lock) before anything is read.
    // The fence: still unfired, and still claimed by this instance with this claim.
    const won: typeof batch = [];
    for (const entry of batch) {
      const lateByMs = Math.max(0, now.getTime() - entry.firing.dueAt.getTime());
      const result = await tx.escalationFiring.updateMany({
        where: { id: entry.id, firedAt: null, claimedBy: instanceId, claimedAt: now },
        data: { firedAt: now, lateByMs, dueAt: entry.firing.dueAt },
      });
      if (result.count === 1) won.push(entry); // else our claim expired and another instance took over
    }
    if (won.length === 0) return [];
    const current = new Map(
      (
        await tx.incident.findMany({
          where: { id: { in: [...new Set(won.map((w) => w.history.incident.id))] } },
          select: { id: true, status: true, severity: true, title: true },
        })
      ).map((i) => [i.id, i]),
    );
    const outbox: OutboxEntry[] = [];
    const timeline: Prisma.TimelineEventCreateManyInput[] = [];
    const fired: FiredStep[] = [];
    for (const { id, history, firing } of won) {
      const incident = current.get(history.incident.id);
      if (!incident || incident.status === "resolved") {
        // Resolved since the tick read it: nothing is owed any more. Undo and release; a reopen owes it again.
        await tx.escalationFiring.update({ where: { id }, data: { firedAt: null, lateByMs: null, claimedBy: null, claimedAt: null } });
        continue;
      }
      const lateByMs = Math.max(0, now.getTime() - firing.dueAt.getTime());
      const plan = planNotifications({
        incident: {
          id: incident.id,
          title: incident.title,
          severity: isSeverity(incident.severity) ? incident.severity : history.incident.severity,
          startedAt: history.incident.startedAt,
          url: incidentUrl(incident.id),
        },
        event: { kind: "escalation", role: firing.role, fireKey: firing.fireKey, round: firing.round, at: now },
        contacts: directory.contacts,
        businessHours: directory.businessHours,
      });
      const deliveries = await withAckLinks(
        tx,
        plan.deliveries,
        { incidentId: incident.id, stepKey: firing.stepKey },
        directory.contacts,
        now,
      );
      for (const delivery of deliveries)
        outbox.push({ delivery, incidentId: incident.id, isDrill: history.incident.isDrill, fireKey: firing.fireKey });
      timeline.push({
        incidentId: incident.id,
        kind: "escalated",
        actorId: null,
        actorName: SCHEDULER_ACTOR,
        message: escalationMessage(firing, lateByMs, plan.unreachable),
        data: {
          firingId: id,
          role: firing.role,
          fireKey: firing.fireKey,
          round: firing.round,
          dueAt: firing.dueAt.toISOString(),
          lateByMs,
          notifications: plan.deliveries.length,
          unreachable: plan.unreachable.map((u) => ({ ...u })),
        },
        createdAt: now,
      });
      fired.push({
        firingId: id,
        incidentId: incident.id,
        fireKey: firing.fireKey,
        role: firing.role,
        dueAt: firing.dueAt,
        firedAt: now,
        lateByMs,
        notifications: plan.deliveries.length,
      });
    }
    await writeOutbox(tx, outbox, now);
    if (timeline.length) await tx.timelineEvent.createMany({ data: timeline });
    return fired;
  }, TX_OPTIONS);
}

/** "Escalated to team lead (late by 12 min)"; reminders say so; unreachable recipients are named. */
function escalationMessage(firing: Pick<Firing, "role" | "kind" | "round">, lateByMs: number, unreachable: Unreachable[] = []): string {
  const who = roleLabel(firing.role).en;
  const late = lateByMs >= 60_000 ? ` (late by ${Math.floor(lateByMs / 60_000)} min)` : "";
  const head = firing.kind === "renotify" ? `Reminder ${firing.round} to ${who}: not acknowledged${late}` : `Escalated to ${who}${late}`;
  const gaps = [...new Set(unreachable.map((u) => `${u.channel}: ${u.reason}`))];
  return gaps.length > 0 ? `${head}. Not reachable: ${gaps.join("; ")}` : head;
}
