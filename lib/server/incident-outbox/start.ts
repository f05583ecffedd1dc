import "server-only";
// Every app instance runs the incident event dispatcher as a loop ticking once a second, and dispatches
// the rows of its own commits at once (kick.ts). Several instances are safe: the database decides who
// handles a row (dispatcher.ts).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { now } from "../clock";
import { startLoop, TICK_MS, type Loop } from "../escalations/start";
import { runIncidentEventTick } from "./dispatcher";
import { onCommittedIncidentEvents } from "./kick";

const BATCH = 100;
const DRAIN_BATCHES = 10;

const g = globalThis as unknown as { __incidentEventDispatcher?: { instanceId: string; loop?: Loop } };

/** Dispatch this process's commits right after them (no loop: tests and scripts that want the app's behaviour). */
export function installCommitDispatch(instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`): string {
  onCommittedIncidentEvents({ instanceId, dispatch: (preClaimed) => runIncidentEventTick(now(), instanceId, { preClaimed }) });
  g.__incidentEventDispatcher ??= { instanceId };
  return instanceId;
}

/** Background work, started once per server instance (startup.ts). */
export async function startIncidentEventDispatcher(): Promise<void> {
  if (g.__incidentEventDispatcher?.loop) return;
  const instanceId = installCommitDispatch();
  const loop = startLoop("incident events", TICK_MS, async () => {
    // a backlog (after downtime) is drained in batches, a bounded number per tick
    for (let batch = 0; batch < DRAIN_BATCHES; batch++) {
      const r = await runIncidentEventTick(now(), instanceId, { batchSize: BATCH });
      if (r.processed.length + r.failed.length < BATCH) break;
    }
  });
  g.__incidentEventDispatcher = { instanceId, loop };
  console.log(`[incident-events] dispatcher running as ${instanceId}`);
}
