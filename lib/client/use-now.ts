"use client";
import { useEffect, useState } from "react";

/**
 * Re-renders every `intervalMs` with the browser's current time (for countdowns). The first value is the
 * render's own clock — on the server that is the server's, seconds before the browser hydrates — so the
 * browser's time is taken right after mount, not only at the first tick. Text drawn from it differs between
 * server and browser by nature: mark such elements suppressHydrationWarning (as RelativeTime does).
 */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const first = setTimeout(() => setNow(Date.now()), 0);
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}
