import "server-only";
// Every app instance runs the scheduler and the outbox deliverer, each as a loop ticking once a second.
// Running them on several instances at once is safe: the database decides who fires and who sends
// (scheduler.ts, deliverer.ts). A tick never overlaps the previous one; wake() runs one within 25 ms (background-loop.ts).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { now } from "../clock";
import { createNotifyRouter } from "@/lib/notify";
import { notifyConfig } from "./config";
import { runSchedulerTick } from "./scheduler";
import { runDeliveryTick } from "./deliverer";
import { onWake } from "./wake";
import { createPushNotifier } from "../push/notifier";
import { vapidKeys } from "../push/vapid";
import { startLoop, type Loop } from "../background-loop";

export const TICK_MS = 1_000;
export { startLoop, type Loop } from "../background-loop";

function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** One scheduler tick; wakes the deliverer when something fired. */
export async function schedulerTick(instanceId: string, deliverer: Loop, onTick?: (ms: number) => void) {
  const t0 = performance.now();
  const result = await runSchedulerTick(now(), instanceId);
  onTick?.(performance.now() - t0);
  if (result.fired.length > 0) deliverer.wake();
  return result;
}

/** Wake when the next step comes due (not up to a whole tick after it): due → fired stays well under a second. */
export const untilNextDue = (result: { nextDueAt: Date | null }) =>
  result.nextDueAt ? result.nextDueAt.getTime() - now().getTime() : null;

const g = globalThis as unknown as { __escalationWorkers?: { instanceId: string; scheduler: Loop; deliverer: Loop } };

/** Background work of this feature, started once per server instance (instrumentation.ts). */
export async function startEscalationWorkers(): Promise<void> {
  if (g.__escalationWorkers) return;
  const instanceId = newInstanceId();
  const config = notifyConfig();
  for (const problem of config.problems)
    console.warn(`[escalations] notification config: ${problem} (that channel goes to the in-app outbox)`);
  try {
    // at the first start, the VAPID pair is generated into .data now, before any browser subscribes with it
    vapidKeys();
  } catch (error) {
    console.warn(`[escalations] Web Push is unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const router = createNotifyRouter(config, { push: createPushNotifier() });
  const deliverer = startLoop("escalations deliverer", TICK_MS, () => runDeliveryTick(now(), instanceId, { router }));
  const scheduler = startLoop("escalations scheduler", TICK_MS, () => schedulerTick(instanceId, deliverer), untilNextDue);
  onWake((scope) => {
    if (scope === "all") scheduler.wake();
    deliverer.wake();
  });
  g.__escalationWorkers = { instanceId, scheduler, deliverer };
  console.log(`[escalations] scheduler and deliverer running as ${instanceId}`);
}
