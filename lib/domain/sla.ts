// The SLA countdown: from the incident's start to the severity's resolution target.
// Pure: `now` is always passed in, so tests can jump the clock.
import { SEVERITY_TARGET_MS, type Severity } from "./severity";

export interface Sla {
  targetAt: Date;
  /** positive while time is left, negative once breached; frozen at resolution */
  remainingMs: number;
  breached: boolean;
}

export function computeSla(input: { severity: Severity; startedAt: Date; resolvedAt?: Date | null; now: Date }): Sla {
  const targetAt = new Date(input.startedAt.getTime() + SEVERITY_TARGET_MS[input.severity]);
  const end = input.resolvedAt ?? input.now;
  const remainingMs = targetAt.getTime() - end.getTime();
  return { targetAt, remainingMs, breached: remainingMs < 0 };
}

/**
 * "12:34" left, or "breached by 3 min": the manual counts durations in minutes. During the first minute after the
 * target the seconds are given instead ("breached by 5 s"), so a few seconds over never reads as a whole minute.
 */
export function describeRemaining(remainingMs: number): {
  text: string;
  breached: boolean;
  breachedMinutes: number;
  /** set only while breached by less than a minute */
  breachedSeconds?: number;
} {
  if (remainingMs >= 0) {
    const totalSeconds = Math.floor(remainingMs / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    const mm = String(minutes).padStart(hours > 0 ? 2 : 1, "0");
    const ss = String(seconds).padStart(2, "0");
    return { text: hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`, breached: false, breachedMinutes: 0 };
  }
  const overMs = -remainingMs;
  if (overMs < 60_000) {
    const breachedSeconds = Math.max(1, Math.floor(overMs / 1000));
    return { text: `-${breachedSeconds}s`, breached: true, breachedMinutes: 0, breachedSeconds };
  }
  const breachedMinutes = Math.floor(overMs / 60_000);
  return { text: `-${breachedMinutes}m`, breached: true, breachedMinutes };
}
