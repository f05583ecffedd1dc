// Lets a committed change (a raised severity, new pages in the outbox) run the escalation loops within a few
// milliseconds (background-loop.ts) instead of at their next interval. A no-op where no loops run (tests, scripts).
/** "deliverer": only pages were written; "all": the schedule may have a step due now (the scheduler runs too). */
export type WakeScope = "all" | "deliverer";

const state = globalThis as unknown as { __escalationWake?: (scope: WakeScope) => void };

export function wakeEscalationWorkers(scope: WakeScope = "all"): void {
  state.__escalationWake?.(scope);
}

export function onWake(listener: ((scope: WakeScope) => void) | undefined): void {
  state.__escalationWake = listener;
}
