import "server-only";
// The app's clock. Every time-dependent rule on the server (SLA, escalations and the outbox, alert
// evaluation, postmortems) asks this, so a test-only control (ALLOW_TEST_CLOCK=1, POST /api/test/clock)
// can move it forward. Only log throttling and live-update stamps read the wall clock.
import { env } from "./env";

const state = globalThis as unknown as { __clockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (state.__clockOffsetMs ?? 0));
}

export function advanceClock(ms: number): Date {
  if (!env().ALLOW_TEST_CLOCK) throw new Error("test clock is disabled");
  state.__clockOffsetMs = (state.__clockOffsetMs ?? 0) + ms;
  return now();
}
