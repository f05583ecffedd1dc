// Local wall-clock dates and times in an IANA zone, and the instants they name. Rotations hand off at a local time
// ("every Monday 09:00 in Asia/Seoul"), so a handoff stays at 09:00 across daylight-saving changes; this module turns
// such a wall-clock moment into the instant it names. Pure: Intl does the zone math.
import { zonedParts } from "../zoned-time";

/** A calendar date without a zone, e.g. the start date of a rotation. */
export interface LocalDate {
  year: number;
  month: number; // 1–12
  day: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** "09:30" → 570; null when not HH:MM within a day. */
export function parseClock(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "2026-03-08" → LocalDate; null when not a real calendar date. */
export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return check.getUTCFullYear() === date.year && check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day ? date : null;
}

export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** Days since 1970-01-01 of a calendar date (no zone involved). */
export function dayNumber(date: LocalDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / DAY);
}

export function dateOfDayNumber(day: number): LocalDate {
  const d = new Date(day * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

// Every zone's offsets are multiples of 15 minutes and change on such boundaries, so the offset is constant within a
// 15-minute UTC bucket and can be remembered per bucket: Intl's formatting is the costly part of every lookup.
const BUCKET = 15 * MINUTE;
const offsets = new Map<string, number>();

/** The zone's offset from UTC at an instant, in ms (Asia/Seoul: +9 h). */
export function offsetAt(instant: number, timeZone: string): number {
  const bucket = Math.floor(instant / BUCKET) * BUCKET;
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const p = zonedParts(new Date(bucket), timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - bucket;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The local day number and minute of the day of an instant in a zone. */
export function localDayAndMinute(instant: number, timeZone: string): { day: number; minute: number } {
  const local = instant + offsetAt(instant, timeZone);
  return { day: Math.floor(local / DAY), minute: Math.floor((local - Math.floor(local / DAY) * DAY) / MINUTE) };
}

/**
 * The instant at which the zone's clocks show `minute` on local day `day`. A time skipped by a spring-forward change
 * (02:30 in New York on the second Sunday of March) is taken to be the moment the clocks jump, read with the offset
 * before the change (so 02:30 → 03:30 local); a time that occurs twice in autumn is its first occurrence.
 */
export function instantOf(day: number, minute: number, timeZone: string): number {
  const wall = day * DAY + minute * MINUTE; // the wall-clock reading, as if it were UTC
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const matches = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) + t === wall);
  if (matches.length > 0) return Math.min(...matches);
  return wall - before;
}
