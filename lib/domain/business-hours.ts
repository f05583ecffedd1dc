// Business hours for P3 notifications (manual 3.2: "업무시간만" — held until business hours start).
// Pure: time-zone math uses Intl.DateTimeFormat only, so the same code runs on server and client.
import { zonedParts } from "./zoned-time";

export interface BusinessHours {
  /** IANA zone, e.g. "Asia/Seoul" */
  timeZone: string;
  /** "HH:MM", inclusive */
  start: string;
  /** "HH:MM", exclusive: a notification at exactly 18:00 waits for the next start */
  end: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday (0 is also accepted as Sunday) */
  days: number[];
  /** local dates "YYYY-MM-DD" that are not business days (public holidays) */
  holidays?: string[];
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  timeZone: "Asia/Seoul",
  start: "09:00",
  end: "18:00",
  days: [1, 2, 3, 4, 5],
};

interface LocalParts {
  year: number;
  month: number;
  day: number;
  minuteOfDay: number;
  second: number;
  ms: number;
}

function localParts(at: Date, timeZone: string): LocalParts {
  const p = zonedParts(at, timeZone);
  return { year: p.year, month: p.month, day: p.day, minuteOfDay: p.hour * 60 + p.minute, second: p.second, ms: at.getUTCMilliseconds() };
}

/** Offset (local - UTC) in ms of `timeZone` at instant `t`. */
function offsetMs(t: number, timeZone: string): number {
  const p = localParts(new Date(t), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, Math.floor(p.minuteOfDay / 60), p.minuteOfDay % 60, p.second, p.ms);
  return asUtc - t;
}

/** The instant at which the wall clock in `timeZone` shows the given local date and minute of day. */
export function zonedTimeToUtc(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  // Two passes settle the offset also next to a DST change (not needed for Seoul, but zones are configurable).
  let t = wall - offsetMs(wall, timeZone);
  t = wall - offsetMs(t, timeZone);
  return new Date(t);
}

export function parseClock(value: string): number {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  if (!m) throw new Error(`Invalid time of day "${value}" (expected HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

function isBusinessDay(year: number, month: number, day: number, hours: BusinessHours): boolean {
  const weekday = isoWeekday(year, month, day);
  const days = hours.days.map((d) => (d === 0 ? 7 : d));
  if (!days.includes(weekday)) return false;
  const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return !(hours.holidays ?? []).includes(iso);
}

export function isWithinBusinessHours(at: Date, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): boolean {
  const p = localParts(at, hours.timeZone);
  const minute = p.minuteOfDay;
  return isBusinessDay(p.year, p.month, p.day, hours) && minute >= parseClock(hours.start) && minute < parseClock(hours.end);
}

/** `at` itself inside business hours, else the start of the next business period. */
export function nextBusinessMoment(at: Date, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): Date {
  if (isWithinBusinessHours(at, hours)) return at;
  const start = parseClock(hours.start);
  if (start >= parseClock(hours.end)) throw new Error("Business hours must start before they end");
  const p = localParts(at, hours.timeZone);
  // Today still counts when we are before the start; otherwise look from tomorrow on.
  const firstOffset = p.minuteOfDay < start ? 0 : 1;
  // A year of holidays is the most a sane configuration can skip; beyond that it has no business days.
  for (let offset = firstOffset; offset <= 366; offset++) {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day + offset));
    const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    if (isBusinessDay(y, m, day, hours)) return zonedTimeToUtc(y, m, day, start, hours.timeZone);
  }
  throw new Error("The business-hours configuration has no business day within a year");
}
