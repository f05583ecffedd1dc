"use client";
// How the on-call screens write a shift's start or end: "12. 1. (화) 09:00" / "Tue, 12/1, 09:00", in the
// reader's zone unless a schedule's zone is given.
import { useFormatter } from "next-intl";

export function useShiftTime(timeZone?: string): (at: string | number) => string {
  const format = useFormatter();
  return (at) =>
    format.dateTime(new Date(at), {
      month: "numeric",
      day: "numeric",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
    });
}
