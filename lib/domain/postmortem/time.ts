// Wall-clock formatting for reports. The manual writes times as "YYYY-MM-DD HH:MM" in the team's zone
// (Asia/Seoul by default); Intl does the zone math so this stays pure and independent of the host's TZ.
export const DEFAULT_TIME_ZONE = "Asia/Seoul";

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, 24-hour */
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function wallClock(at: Date, timeZone: string = DEFAULT_TIME_ZONE): WallClock {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
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
