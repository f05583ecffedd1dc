import "server-only";
// The handoff announcer, started once per server instance; every instance may run it (the outbox's idempotency
// keys keep each handoff to one notification).
import { startLoop, type Loop } from "../background-loop";
import { now } from "../clock";
import { runHandoffTick } from "./handoff";

const EVERY_MS = 30_000;
const g = globalThis as unknown as { __oncallHandoffs?: Loop };

export async function startOnCallTasks(): Promise<void> {
  g.__oncallHandoffs ??= startLoop("on-call handoffs", EVERY_MS, () => runHandoffTick(now()));
}
