// Who is on call: the rota maths of a schedule (layers of rotations with restrictions, overrides on top), in the
// schedule's time zone. Pure: every answer is a function of the schedule and the instant asked about (epoch ms).
//
// Precedence, as in PagerDuty and Grafana OnCall: an override wins over every layer (the latest-created override
// wins among overlapping ones); a higher layer wins over lower ones wherever it has someone; a layer has nobody
// outside its restrictions and before its start.
//
// Availability: a member who cannot be paged (a deactivated account) is skipped — the next available member of the
// layer, in rotation order, covers their slot (the answer names whom they cover, so screens can say so); an override
// given to them is ignored. The predicate is the caller's (the server knows who is deactivated).
import { dayNumber, instantOf, isoWeekday, localDayAndMinute, type LocalDate } from "./wall-clock";

export type Rotation = { kind: "daily" } | { kind: "weekly" } | { kind: "hours"; hours: number };

/** A window in local time when a layer is on duty, e.g. weekdays 09:00–18:00; `end <= start` runs past midnight. */
export interface Restriction {
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which the window starts */
  days: number[];
  /** minutes after local midnight */
  start: number;
  end: number;
}

export interface Layer {
  id: string;
  /** user ids in rotation order */
  members: string[];
  rotation: Rotation;
  /** local minute of the day at which one member hands off to the next */
  handoff: number;
  /** the local date of the first handoff (the first member starts then) */
  startDate: LocalDate;
  /** empty: on duty around the clock */
  restrictions: Restriction[];
}

export interface Override {
  id: string;
  userId: string;
  start: number;
  end: number;
}

export interface Rota {
  timeZone: string;
  /** lowest first: a later layer wins where it has someone */
  layers: Layer[];
  /** in creation order: a later override wins where overrides overlap */
  overrides: Override[];
  /** people who cannot be on call (deactivated): skipped in rotations, their overrides ignored; absent = everyone can */
  unavailable?: ReadonlySet<string>;
}

/** covering: the unavailable member whose slot this one covers (absent when the slot's own member is on call) */
export type OnCallSource = { kind: "override"; overrideId: string } | { kind: "layer"; layerId: string; covering?: string };

/** One source's answer at an instant, and the first instant at which that answer may change. */
interface Answer {
  userId: string | null;
  until: number;
  source: OnCallSource | null;
}

export interface OnCall {
  userId: string | null;
  source: OnCallSource | null;
  /** when the answer changes (another person or nobody); Infinity when it never does */
  until: number;
}

export interface Shift {
  userId: string | null;
  start: number;
  end: number;
  source: OnCallSource | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The rotation slot (member index and its span) that contains `at`, or null before the layer starts. */
export function rotationSlot(layer: Layer, timeZone: string, at: number): { index: number; from: number; until: number } | null {
  const startDay = dayNumber(layer.startDate);
  const first = instantOf(startDay, layer.handoff, timeZone);
  if (at < first || layer.members.length === 0) return null;
  if (layer.rotation.kind === "hours") {
    const length = layer.rotation.hours * HOUR;
    const k = Math.floor((at - first) / length);
    return { index: k % layer.members.length, from: first + k * length, until: first + (k + 1) * length };
  }
  const days = layer.rotation.kind === "weekly" ? 7 : 1;
  const local = localDayAndMinute(at, timeZone);
  // Wall-clock estimate, then corrected against the real instants (a daylight-saving change can move it by one).
  let k = Math.floor(((local.day - startDay) * 1440 + local.minute - layer.handoff) / (days * 1440));
  k = Math.max(0, k);
  let from = instantOf(startDay + k * days, layer.handoff, timeZone);
  if (from > at && k > 0) {
    k -= 1;
    from = instantOf(startDay + k * days, layer.handoff, timeZone);
  }
  let until = instantOf(startDay + (k + 1) * days, layer.handoff, timeZone);
  if (until <= at) {
    k += 1;
    from = until;
    until = instantOf(startDay + (k + 1) * days, layer.handoff, timeZone);
  }
  return { index: k % layer.members.length, from, until };
}

/** The restriction window containing `at` ({inside: true, until: its end}) or the next one to open ({inside: false}). */
export function restrictionWindow(restrictions: Restriction[], timeZone: string, at: number): { inside: boolean; until: number } {
  if (restrictions.length === 0) return { inside: true, until: Infinity };
  const window = singleWindow(restrictions, timeZone, at);
  if (!window.inside) return window;
  // Back-to-back windows (Mon 09–18 and Mon 18–09) count as one span.
  let end = window.until;
  for (let guard = 0; guard < 14; guard++) {
    const next = singleWindow(restrictions, timeZone, end);
    if (!next.inside) break;
    end = next.until;
  }
  return { inside: true, until: end };
}

function singleWindow(restrictions: Restriction[], timeZone: string, at: number): { inside: boolean; until: number } {
  const today = localDayAndMinute(at, timeZone).day;
  let nextStart = Infinity;
  let insideUntil = -Infinity;
  // A window that starts yesterday may run past midnight into today; the next one opens within a week.
  for (let day = today - 1; day <= today + 7; day++) {
    const weekday = isoWeekday(day);
    for (const r of restrictions) {
      if (!r.days.includes(weekday)) continue;
      const start = instantOf(day, r.start, timeZone);
      const end = instantOf(r.end > r.start ? day : day + 1, r.end, timeZone);
      if (start <= at && at < end) insideUntil = Math.max(insideUntil, end);
      else if (start > at) nextStart = Math.min(nextStart, start);
    }
  }
  return insideUntil > at ? { inside: true, until: insideUntil } : { inside: false, until: nextStart };
}

/** The member who answers for a slot: its own member, else the next available one in rotation order, else nobody. */
export function availableMember(
  members: string[],
  index: number,
  unavailable: ReadonlySet<string> | undefined,
): { userId: string; covering?: string } | null {
  const own = members[index];
  if (!unavailable || !unavailable.has(own)) return { userId: own };
  for (let step = 1; step < members.length; step++) {
    const candidate = members[(index + step) % members.length];
    if (!unavailable.has(candidate)) return { userId: candidate, covering: own };
  }
  return null;
}

function layerAnswer(layer: Layer, timeZone: string, at: number, unavailable?: ReadonlySet<string>): Answer {
  const slot = rotationSlot(layer, timeZone, at);
  if (!slot) {
    const first = instantOf(dayNumber(layer.startDate), layer.handoff, timeZone);
    return { userId: null, until: at < first ? first : Infinity, source: null };
  }
  const window = restrictionWindow(layer.restrictions, timeZone, at);
  const until = Math.min(slot.until, window.until);
  if (!window.inside) return { userId: null, until, source: null };
  const member = availableMember(layer.members, slot.index, unavailable);
  if (!member) return { userId: null, until, source: null };
  const source: OnCallSource = member.covering
    ? { kind: "layer", layerId: layer.id, covering: member.covering }
    : { kind: "layer", layerId: layer.id };
  return { userId: member.userId, until, source };
}

function overrideAnswer(overrides: Override[], at: number, unavailable?: ReadonlySet<string>): Answer {
  let chosen: Override | null = null;
  let until = Infinity;
  for (const o of overrides) {
    if (unavailable?.has(o.userId)) continue; // as if it did not exist
    if (o.start <= at && at < o.end) {
      chosen = o; // later overrides win
    } else if (o.start > at) {
      until = Math.min(until, o.start);
    }
  }
  if (!chosen) return { userId: null, until, source: null };
  // The chosen one ends, or a later-created overlapping one starts.
  const index = overrides.indexOf(chosen);
  for (const o of overrides.slice(index + 1)) {
    if (o.start > at && o.start < chosen.end && !unavailable?.has(o.userId)) until = Math.min(until, o.start);
  }
  return { userId: chosen.userId, until: Math.min(until, chosen.end), source: { kind: "override", overrideId: chosen.id } };
}

/** One look at the instant: who, from which source, and until when that answer is sure not to change. */
function resolveOnce(rota: Rota, at: number): Answer {
  const override = overrideAnswer(rota.overrides, at, rota.unavailable);
  if (override.userId) return override;
  let until = override.until; // an override may start
  for (let i = rota.layers.length - 1; i >= 0; i--) {
    const answer = layerAnswer(rota.layers[i], rota.timeZone, at, rota.unavailable);
    until = Math.min(until, answer.until);
    if (answer.userId) return { ...answer, until };
  }
  return { userId: null, until, source: null };
}

/**
 * Who is on call at `at`, and until when. `horizon` bounds the search for the end of the answer (a one-person
 * rotation hands off to the same person every day): past it, `until` is the horizon itself.
 */
export function onCallAt(rota: Rota, at: number, horizon = 60 * DAY): OnCall {
  const first = resolveOnce(rota, at);
  let until = first.until;
  const limit = at + horizon;
  while (until < limit) {
    const next = resolveOnce(rota, until);
    if (next.userId !== first.userId || coveringOf(next.source) !== coveringOf(first.source)) break;
    until = next.until;
  }
  return { userId: first.userId, source: first.source, until: until >= limit && until !== Infinity ? limit : until };
}

/** The final rota over [from, to): consecutive shifts, a gap (userId null) where nobody is on call. */
export function shiftsBetween(rota: Rota, from: number, to: number): Shift[] {
  const shifts: Shift[] = [];
  let at = from;
  for (let guard = 0; at < to && guard < 10_000; guard++) {
    const answer = resolveOnce(rota, at);
    const end = Math.min(answer.until, to);
    const last = shifts[shifts.length - 1];
    if (last && last.userId === answer.userId && sameSource(last.source, answer.source)) last.end = end;
    else shifts.push({ userId: answer.userId, start: at, end, source: answer.source });
    at = end;
  }
  return shifts;
}

/** One layer on its own over [from, to): what the editor draws as that layer's row. */
export function layerShiftsBetween(layer: Layer, timeZone: string, from: number, to: number, unavailable?: ReadonlySet<string>): Shift[] {
  return shiftsBetween({ timeZone, layers: [layer], overrides: [], unavailable }, from, to).filter((s) => s.userId !== null);
}

/** Spans in [from, to) with nobody on call. */
export function coverageGaps(rota: Rota, from: number, to: number): { start: number; end: number }[] {
  return shiftsBetween(rota, from, to)
    .filter((s) => s.userId === null)
    .map(({ start, end }) => ({ start, end }));
}

function sameSource(a: OnCallSource | null, b: OnCallSource | null): boolean {
  if (!a || !b) return a === b;
  if (a.kind === "override" && b.kind === "override") return a.overrideId === b.overrideId;
  if (a.kind === "layer" && b.kind === "layer") return a.layerId === b.layerId && a.covering === b.covering;
  return false;
}

function coveringOf(source: OnCallSource | null): string | undefined {
  return source?.kind === "layer" ? source.covering : undefined;
}
