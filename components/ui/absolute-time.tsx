"use client";
import { useSyncExternalStore } from "react";
import { useFormatter } from "next-intl";

const noSubscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The reader's own time zone (the browser's); on the server, the app's configured one. */
export function useReaderTimeZone(): string | undefined {
  return useSyncExternalStore(noSubscribe, browserZone, () => undefined);
}

/** Formats instants as the reader's clock time with the zone ("14:03:12 GMT+9"), for timeline rows. */
export function useClockTime(): (iso: string) => string {
  const format = useFormatter();
  const timeZone = useReaderTimeZone();
  return (iso: string) => {
    const date = new Date(iso);
    if (!iso || Number.isNaN(date.getTime())) return "—";
    return format.dateTime(date, {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
      ...(timeZone ? { timeZone } : {}),
    });
  };
}

/** An instant as clock time with its zone; the full date on hover. */
export function ClockTime({ iso }: { iso: string }) {
  const format = useFormatter();
  const timeZone = useReaderTimeZone();
  const clock = useClockTime();
  return (
    <time
      dateTime={iso}
      className="tabular-nums"
      data-testid="clock-time"
      title={format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "long", ...(timeZone ? { timeZone } : {}) })}
    >
      {clock(iso)}
    </time>
  );
}
