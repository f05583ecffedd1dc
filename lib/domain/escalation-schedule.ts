// The escalation schedule (manual 6.2) as a pure function of the incident's history and `now`.
//
// Definition used for every rule below: a step for role R becomes due at the FIRST instant t at which
//   (1) the incident is open at t,
//   (2) the severity in effect at t has R in ESCALATION_MATRIX, and
//   (3) t - startedAt >= that severity's afterMs for R   (elapsed time always counts from the ORIGINAL start).
// Consequences, each covered by tests:
// - Raising severity recomputes from the original start: P2 raised to P0 at 40 min makes the 15- and 30-min
//   steps due AT the change (40 min), so a scheduler fires them now instead of treating them as "in the past".
// - Lowering severity cancels unfired steps the new severity does not have; steps already due stay due.
// - Resolving stops the clock for unfired steps; reopening resumes it, and a step whose elapsed time passed
//   while resolved becomes due AT the reopen (the manual: "fires when the incident is still open at that
//   elapsed time" — after the reopen it is open and past that time).
// - Ties: a change recorded at the exact due instant wins (segments are half-open [from, to)).
// Step keys are the role itself ("team_lead"): the matrix has at most one step per role, so a role that a
// severity change drops and re-adds keeps its key, and a durable store with a unique (incident, key) row
// fires it at most once per incident, also across reopen, restarts and several app instances.
import { ESCALATION_MATRIX, ESCALATION_ROLES, type EscalationRole } from "./escalation-matrix";
import type { Severity } from "./severity";
import type { Status } from "./status";

export type StepKey = EscalationRole;
export type StepState = "fired-due" | "pending" | "cancelled";

export interface SeverityChange {
  severity: Severity;
  at: Date;
}
export interface StatusChange {
  status: Status;
  at: Date;
}
/** `to` null = still resolved */
export interface ResolvedInterval {
  from: Date;
  to: Date | null;
}
export interface Acknowledgement {
  stepKey: string;
  by: string;
  at: Date;
}
/** the first firing of a step as the durable store recorded it (fireKey === stepKey, not reminders);
 * reality wins over the computed state, and reminders count from `at` */
export interface FiredRecord {
  stepKey: string;
  at: Date;
}

export interface ScheduleInput {
  startedAt: Date;
  now: Date;
  /** first entry = initial severity (its `at` is treated as startedAt) */
  severityHistory: SeverityChange[];
  /** either the status changes (resolved / reopened)… */
  statusHistory?: StatusChange[];
  /** …or the resolved intervals directly; both may be given and are merged */
  resolvedIntervals?: ResolvedInterval[];
  acknowledgements?: Acknowledgement[];
  fired?: FiredRecord[];
  /** re-notify an unacknowledged fired step this often while open; null disables. Default 15 min. */
  renotifyEveryMs?: number | null;
}

export interface ScheduleStep {
  key: StepKey;
  role: EscalationRole;
  /** fired-due: when it became due; pending: when it will be due; cancelled: when it would have been */
  dueAt: Date;
  state: StepState;
  cancelledBecause?: "severity-lowered" | "resolved";
  /** now - dueAt for fired-due steps, else 0 */
  overdueByMs: number;
  acknowledged: boolean;
  acknowledgedBy?: string;
  acknowledgedAt?: Date;
  firedAt?: Date;
  /** next re-notification while unacknowledged and open, else null */
  nextRenotifyAt: Date | null;
}

export interface Schedule {
  now: Date;
  startedAt: Date;
  severity: Severity;
  open: boolean;
  renotifyEveryMs: number | null;
  steps: ScheduleStep[];
  next: ScheduleStep | null;
  /** time until `next` is due, null when nothing is pending */
  timeToNextMs: number | null;
}

export const DEFAULT_RENOTIFY_EVERY_MS = 15 * 60_000;

interface Segment {
  from: number;
  to: number;
  severity: Severity;
  open: boolean;
}

/** Turns a status history into resolved intervals (resolved → any open status closes the interval). */
export function resolvedIntervalsFromStatus(history: StatusChange[]): ResolvedInterval[] {
  const out: ResolvedInterval[] = [];
  for (const change of [...history].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const last = out[out.length - 1];
    const resolvedNow = last !== undefined && last.to === null;
    if (change.status === "resolved" && !resolvedNow) out.push({ from: change.at, to: null });
    else if (change.status !== "resolved" && resolvedNow) last.to = change.at;
  }
  return out;
}

function afterMs(severity: Severity, role: EscalationRole): number | undefined {
  return ESCALATION_MATRIX[severity].find((rule) => rule.role === role)?.afterMs;
}

// Events after `now` are ignored: the schedule at `now` cannot know them, and ignoring them lets a
// caller replay the same history at any earlier `now`.
function buildSegments(input: ScheduleInput): Segment[] {
  const start = input.startedAt.getTime();
  const now = input.now.getTime();
  if (input.severityHistory.length === 0) throw new Error("severityHistory needs the initial severity");
  const clip = (t: number) => Math.max(start, t);
  const severities = input.severityHistory
    .map((c, i) => ({ severity: c.severity, at: i === 0 ? start : clip(c.at.getTime()), i }))
    .filter((c) => c.i === 0 || c.at <= now)
    .sort((a, b) => a.at - b.at || a.i - b.i);
  const resolved = [...(input.resolvedIntervals ?? []), ...resolvedIntervalsFromStatus(input.statusHistory ?? [])]
    .map((r) => ({ from: clip(r.from.getTime()), to: r.to === null ? Infinity : clip(r.to.getTime()) }))
    .filter((r) => r.from <= now);
  const bounds = new Set<number>([start]);
  for (const c of severities) bounds.add(c.at);
  for (const r of resolved) {
    bounds.add(r.from);
    if (r.to <= now) bounds.add(r.to);
  }
  const points = [...bounds].sort((a, b) => a - b);
  return points.map((from, i) => {
    let severity = severities[0].severity;
    for (const c of severities) if (c.at <= from) severity = c.severity;
    const open = !resolved.some((r) => r.from <= from && from < r.to);
    return { from, to: i + 1 < points.length ? points[i + 1] : Infinity, severity, open };
  });
}

function firstDue(segments: Segment[], start: number, role: EscalationRole): number | null {
  for (const seg of segments) {
    if (!seg.open) continue;
    const after = afterMs(seg.severity, role);
    if (after === undefined) continue;
    const candidate = Math.max(seg.from, start + after);
    if (candidate < seg.to) return candidate;
  }
  return null;
}

export function computeSchedule(input: ScheduleInput): Schedule {
  const start = input.startedAt.getTime();
  const now = input.now.getTime();
  const renotifyEveryMs = input.renotifyEveryMs === undefined ? DEFAULT_RENOTIFY_EVERY_MS : input.renotifyEveryMs;
  const segments = buildSegments(input);
  const current = segments[segments.length - 1];
  const pastAndPresent = segments.filter((s) => s.from <= now);
  const everHad = new Set(pastAndPresent.flatMap((s) => ESCALATION_MATRIX[s.severity].map((r) => r.role)));
  const acks = (input.acknowledgements ?? []).filter((a) => a.at.getTime() <= now);
  const fired = (input.fired ?? []).filter((f) => f.at.getTime() <= now);

  const steps: ScheduleStep[] = [];
  for (const role of ESCALATION_ROLES) {
    const firedRecord = earliest(fired.filter((f) => f.stepKey === role));
    if (!everHad.has(role) && !firedRecord) continue;
    const ack = earliest(acks.filter((a) => a.stepKey === role));
    const computed = firstDue(segments, start, role);
    const base = {
      key: role,
      role,
      acknowledged: ack !== undefined,
      ...(ack ? { acknowledgedBy: ack.by, acknowledgedAt: ack.at } : {}),
      ...(firedRecord ? { firedAt: firedRecord.at } : {}),
    };
    if (firedRecord || (computed !== null && computed <= now)) {
      const dueAt = computed !== null && computed <= now ? computed : (firedRecord?.at.getTime() ?? now);
      const renotifyBase = firedRecord ? firedRecord.at.getTime() : dueAt;
      const nextRenotifyAt =
        // Reminders stop with the acknowledgement, at resolution, and when the current severity no longer
        // has the role (a P0 lowered to P3 must not keep paging the executive).
        renotifyEveryMs && !ack && current.open && afterMs(current.severity, role) !== undefined
          ? new Date(renotifyBase + (Math.floor((now - renotifyBase) / renotifyEveryMs) + 1) * renotifyEveryMs)
          : null;
      steps.push({ ...base, dueAt: new Date(dueAt), state: "fired-due", overdueByMs: now - dueAt, nextRenotifyAt });
    } else if (computed !== null) {
      steps.push({ ...base, dueAt: new Date(computed), state: "pending", overdueByMs: 0, nextRenotifyAt: null });
    } else {
      // Not owed any more: show when it would have been due under the latest severity that had the role.
      const lastWith = [...pastAndPresent].reverse().find((s) => afterMs(s.severity, role) !== undefined) ?? current;
      const nominal = start + (afterMs(lastWith.severity, role) ?? 0);
      const cancelledBecause = afterMs(current.severity, role) === undefined ? "severity-lowered" : "resolved";
      steps.push({ ...base, dueAt: new Date(nominal), state: "cancelled", cancelledBecause, overdueByMs: 0, nextRenotifyAt: null });
    }
  }

  const next = steps.filter((s) => s.state === "pending").sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null;
  return {
    now: input.now,
    startedAt: input.startedAt,
    severity: current.severity,
    open: current.open,
    renotifyEveryMs: renotifyEveryMs || null,
    steps,
    next,
    timeToNextMs: next ? next.dueAt.getTime() - now : null,
  };
}

function earliest<T extends { at: Date }>(items: T[]): T | undefined {
  return items.reduce<T | undefined>((min, x) => (min === undefined || x.at < min.at ? x : min), undefined);
}

export interface Firing {
  /** unique per firing: the step key for the first notification, `${key}#renotify-${n}` for reminders */
  fireKey: string;
  stepKey: StepKey;
  role: EscalationRole;
  kind: "initial" | "renotify";
  /** 0 for the initial notification */
  round: number;
  dueAt: Date;
}

/**
 * What a scheduler must fire now, given the fire keys the durable store already holds.
 * Nothing fires for a resolved incident (a late reminder about a resolved incident is noise).
 * Reminders: only the latest missed round fires, so a scheduler that was down for an hour sends one
 * reminder, not four; pass `fired` to computeSchedule so rounds count from the actual first firing.
 */
export function dueSteps(schedule: Schedule, alreadyFiredKeys: Iterable<string>): Firing[] {
  if (!schedule.open) return [];
  const done = new Set(alreadyFiredKeys);
  const now = schedule.now.getTime();
  const out: Firing[] = [];
  for (const step of schedule.steps) {
    if (step.state !== "fired-due") continue;
    if (!done.has(step.key) && !step.firedAt) {
      out.push({ fireKey: step.key, stepKey: step.key, role: step.role, kind: "initial", round: 0, dueAt: step.dueAt });
      continue;
    }
    const every = schedule.renotifyEveryMs;
    if (!every || step.acknowledged || !step.nextRenotifyAt) continue;
    const base = (step.firedAt ?? step.dueAt).getTime();
    const round = Math.floor((now - base) / every);
    const fireKey = `${step.key}#renotify-${round}`;
    if (round >= 1 && !done.has(fireKey)) {
      out.push({ fireKey, stepKey: step.key, role: step.role, kind: "renotify", round, dueAt: new Date(base + round * every) });
    }
  }
  return out;
}
