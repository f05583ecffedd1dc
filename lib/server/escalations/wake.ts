// Lets a committed change (a raised severity, a declaration) run the escalation loops right away instead
// of at their next interval. A no-op where no loops run (tests, scripts).
const state = globalThis as unknown as { __escalationWake?: () => void };

export function wakeEscalationWorkers(): void {
  state.__escalationWake?.();
}

export function onWake(listener: (() => void) | undefined): void {
  state.__escalationWake = listener;
}
