import "server-only";
// The rule evaluation loop, started once per server instance. Every instance runs it; the database
// decides which one evaluates each slot (engine.ts). It wakes every second and evaluates when the app
// clock (lib/server/clock.ts, moved by the test clock) has entered a new slot, so a clock jump is
// caught up within a second rather than after a whole interval.
import { alertsConfig } from "./config";
import { runEvaluation } from "./engine";
import { evaluationSlot } from "@/lib/domain/rule-engine";
import { now } from "../clock";
import { startLoop, type Loop } from "../background-loop";
import { finishPendingFollowUps } from "./follow-up";

/** How often an instance looks for Alertmanager follow-ups a failed request left behind. */
const FOLLOW_UP_EVERY_MS = 30_000;

const WAKE_MS = 1_000;

const g = globalThis as unknown as { __alertEngine?: Loop };

export async function startAlertEngine(): Promise<void> {
  if (g.__alertEngine) return;
  const config = alertsConfig(); // a configuration mistake fails the start loudly (logged by startup.ts)
  if (config.engineDisabled) {
    console.log("[alerts] rule evaluation disabled on this instance (ALERT_ENGINE_DISABLED)");
    return;
  }
  let lastSlot = 0;
  let lastFollowUp = Date.now();
  // A failed evaluation leaves lastSlot behind, so the next wake retries it (logged by the loop).
  g.__alertEngine = startLoop("alerts rule evaluation", WAKE_MS, async () => {
    if (Date.now() - lastFollowUp >= FOLLOW_UP_EVERY_MS) {
      lastFollowUp = Date.now();
      await finishPendingFollowUps().catch((error: unknown) => console.error("[alerts] finishing Alertmanager follow-ups failed", error));
    }
    const slot = evaluationSlot(now(), config.intervalMs);
    if (slot <= lastSlot) return;
    await runEvaluation({ at: new Date(slot), intervalMs: config.intervalMs });
    lastSlot = slot;
  });
  console.log(`[alerts] rule evaluation every ${config.intervalMs / 1000} s on ${config.source}`);
}
