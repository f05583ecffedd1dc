// Wall-clock formatting for reports. The manual writes times as "YYYY-MM-DD HH:MM" in the team's zone
// (Asia/Seoul by default); Intl does the zone math so this stays pure and independent of the host's TZ.
import { pad2, zonedParts } from "../zoned-time";

export const DEFAULT_TIME_ZONE = "Asia/Seoul";

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, 24-hour */
  time: string;
}

export function wallClock(at: Date, timeZone: string = DEFAULT_TIME_ZONE): WallClock {
  const p = zonedParts(at, timeZone);
  return { date: `${p.year}-${pad2(p.month)}-${pad2(p.day)}`, time: `${pad2(p.hour)}:${pad2(p.minute)}` };
}

export function formatDateTime(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const w = wallClock(at, timeZone);
  return `${w.date} ${w.time}`;
}

/** Parses an ISO timestamp from a DTO; throws on garbage so a bad row is noticed, not rendered as "NaN". */
export function parseIso(value: string, what: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`${what} is not a valid timestamp: ${JSON.stringify(value)}`);
  return d;
}
