import "server-only";
// Every app instance runs the scheduler and the outbox deliverer, each as a loop ticking once a second.
// Running them on several instances at once is safe: the database decides who fires and who sends
// (scheduler.ts, deliverer.ts). A tick never overlaps the previous one; wake() runs one right away.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { now } from "../clock";
import { createNotifyRouter } from "@/lib/notify";
import { notifyConfig } from "./config";
import { runSchedulerTick } from "./scheduler";
import { runDeliveryTick } from "./deliverer";
import { onWake } from "./wake";

export const TICK_MS = 1_000;
const ERROR_LOG_EVERY_MS = 60_000;

export interface Loop {
  wake(): void;
  stop(): Promise<void>;
}

/** A self-rescheduling loop: errors are logged (at most once a minute while they persist), never thrown. */
export function startLoop(name: string, intervalMs: number, tick: () => Promise<unknown>): Loop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let lastErrorLog = 0;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), ms);
    timer.unref();
  };
  const run = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = tick().then(
      () => undefined,
      (error: unknown) => {
        if (Date.now() - lastErrorLog < ERROR_LOG_EVERY_MS) return;
        lastErrorLog = Date.now();
        console.error(`[escalations] ${name} tick failed (retrying every ${intervalMs} ms)`, error);
      },
    );
    await running;
    running = null;
    if (stopped) return;
    if (again) {
      again = false;
      schedule(0);
    } else schedule(intervalMs);
  };
  schedule(0);
  return {
    wake: () => void run(),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

const g = globalThis as unknown as { __escalationWorkers?: { instanceId: string; scheduler: Loop; deliverer: Loop } };

/** Background work of this feature, started once per server instance (instrumentation.ts). */
export async function startEscalationWorkers(): Promise<void> {
  if (g.__escalationWorkers) return;
  const instanceId = newInstanceId();
  const config = notifyConfig();
  for (const problem of config.problems) console.warn(`[escalations] notification config: ${problem} (that channel goes to the in-app outbox)`);
  const router = createNotifyRouter(config);
  const deliverer = startLoop("deliverer", TICK_MS, () => runDeliveryTick(now(), instanceId, { router }));
  const scheduler = startLoop("scheduler", TICK_MS, async () => {
    const result = await runSchedulerTick(now(), instanceId);
    if (result.fired.length > 0) deliverer.wake();
  });
  onWake(() => {
    scheduler.wake();
    deliverer.wake();
  });
  g.__escalationWorkers = { instanceId, scheduler, deliverer };
  console.log(`[escalations] scheduler and deliverer running as ${instanceId}`);
}
