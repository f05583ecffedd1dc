import "server-only";
// The rule evaluation loop, started once per server instance. Every instance runs it; the database
// decides which one evaluates each slot (engine.ts). It wakes every second and evaluates when the app
// clock (lib/server/clock.ts, moved by the test clock) has entered a new slot, so a clock jump is
// caught up within a second rather than after a whole interval.
import { alertsConfig } from "./config";
import { runEvaluation } from "./engine";
import { evaluationSlot } from "@/lib/domain/rule-engine";
import { now } from "../clock";

const WAKE_MS = 1_000;
const ERROR_LOG_EVERY_MS = 60_000;

const g = globalThis as unknown as { __alertEngine?: { stop(): void } };

export async function startAlertEngine(): Promise<void> {
  if (g.__alertEngine) return;
  const config = alertsConfig(); // a configuration mistake fails the start loudly (logged by startup.ts)
  if (config.engineDisabled) {
    console.log("[alerts] rule evaluation disabled on this instance (ALERT_ENGINE_DISABLED)");
    return;
  }
  let lastSlot = 0;
  let running = false;
  let lastErrorLog = 0;
  const timer = setInterval(() => {
    if (running) return;
    const slot = evaluationSlot(now(), config.intervalMs);
    if (slot <= lastSlot) return;
    running = true;
    runEvaluation({ at: new Date(slot), intervalMs: config.intervalMs })
      .then(() => {
        lastSlot = slot;
      })
      .catch((error: unknown) => {
        // Retried next second; logged at most once a minute while it persists.
        if (Date.now() - lastErrorLog < ERROR_LOG_EVERY_MS) return;
        lastErrorLog = Date.now();
        console.error("[alerts] rule evaluation failed", error);
      })
      .finally(() => {
        running = false;
      });
  }, WAKE_MS);
  timer.unref();
  g.__alertEngine = { stop: () => clearInterval(timer) };
  console.log(`[alerts] rule evaluation every ${config.intervalMs / 1000} s on ${config.source}`);
}
