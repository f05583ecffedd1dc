// Weeks start on Monday 00:00 in the report's time zone (Settings' time zone), as managers read them.
import { zonedParts, pad2 } from "../zoned-time";
import { zonedTimeToUtc } from "../business-hours";

const DAY = 86_400_000;

export interface Week {
  /** Monday, YYYY-MM-DD */
  key: string;
  start: Date;
  end: Date;
}

/** The local date (YYYY-MM-DD) of the Monday that starts the week of `at`. */
export function weekKey(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  const local = Date.UTC(p.year, p.month - 1, p.day);
  const monday = new Date(local - ((new Date(local).getUTCDay() + 6) % 7) * DAY);
  return `${monday.getUTCFullYear()}-${pad2(monday.getUTCMonth() + 1)}-${pad2(monday.getUTCDate())}`;
}

function weekOfKey(key: string, timeZone: string): Week {
  const [y, m, d] = key.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d) + 7 * DAY);
  return {
    key,
    start: zonedTimeToUtc(y, m, d, 0, timeZone),
    end: zonedTimeToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, timeZone),
  };
}

/** Every week that overlaps [from, to), oldest first (at most 60, the newest kept). */
export function weeksBetween(from: Date, to: Date, timeZone: string): Week[] {
  const weeks: Week[] = [];
  let week = weekOfKey(weekKey(from, timeZone), timeZone);
  while (week.start < to) {
    weeks.push(week);
    week = weekOfKey(weekKey(new Date(week.end.getTime() + 1), timeZone), timeZone);
  }
  return weeks.slice(-60);
}

/** The instant a calendar date's day ends in `timeZone` (midnight that starts the next day). */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d) + DAY);
  return zonedTimeToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, timeZone);
}

/** The local calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** The days a [from, to) range covers, as the page's date inputs show them ("to" is exclusive). */
export function rangeDays(from: Date, to: Date, timeZone: string): { first: string; last: string } {
  return { first: localDate(from, timeZone), last: localDate(new Date(to.getTime() - 1), timeZone) };
}
