// One "app instance" worth of escalation work in its own process, for the fault tests: the incident event
// dispatcher, the scheduler and the outbox deliverer against DATABASE_URL, as lib/server/startup.ts runs them.
// Started with: node --conditions=react-server --import tsx tests/support/escalation-worker.mts
//
// WORKER_NOW_MS     the clock starts here and runs in real time (the parent's test clock)
// WORKER_INSTANCE   instance id (default worker-<pid>)
// WORKER_LEASE_MS   claim lease for firings and notifications (short, so a killed worker's claims expire
//                   soon); unset = the production leases
// WORKER_MODE       "until-idle" (default): tick until nothing is left, print a summary, exit 0;
//                   "forever": tick every WORKER_TICK_MS until killed;
//                   "declare": declare a P0 incident titled DECLARE_TITLE as the demo commander, as a request
//                   would, and SIGKILL ourselves right after its transaction commits (the failpoint
//                   "incident.committed"), before anything after the commit runs
// SINK_URL          Slack webhook and SMS/voice provider base URL (default: in-app outbox only)
// PAUSE_AFTER_CLAIM "event" | "firing" | "notification": after claiming the first such row of PAUSE_INCIDENT,
//                   print "CLAIMED <kind> <id>" and hang there, holding the claim, until the parent SIGKILLs us
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";
import { runDeliveryTick } from "@/lib/server/escalations/deliverer";
import { runIncidentEventTick } from "@/lib/server/incident-outbox/dispatcher";
import { installCommitDispatch } from "@/lib/server/incident-outbox/start";
import { setFailpoint } from "@/lib/server/failpoints";
import { declareIncident } from "@/lib/server/incidents";
import { advanceClock } from "@/lib/server/clock";
import { createNotifyRouter, notifyConfigFromEnv } from "@/lib/notify";
import { actorFor } from "./actors";

const base = Number(process.env.WORKER_NOW_MS ?? Date.now());
const started = Date.now();
const clock = () => new Date(base + (Date.now() - started));
const instance = process.env.WORKER_INSTANCE ?? `worker-${process.pid}`;
const leaseMs = process.env.WORKER_LEASE_MS ? Number(process.env.WORKER_LEASE_MS) : undefined; // default: production leases
const pause = process.env.PAUSE_AFTER_CLAIM;
const pauseIncident = Number(process.env.PAUSE_INCIDENT ?? NaN);
const sink = process.env.SINK_URL;

// Never outlive the test that started us: an orphaned worker with a jumped clock would fire other test
// files' escalations. When the parent is gone (re-parented), stop at once.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(1);
}, 100).unref();

const router = createNotifyRouter(
  notifyConfigFromEnv(
    sink
      ? {
          SLACK_WEBHOOK_URL: `${sink}/services/T0/B0/sink`,
          SMS_PROVIDER_URL: sink,
          SMS_ACCOUNT_SID: "ACsink0001",
          SMS_AUTH_TOKEN: "sink-token",
          SMS_FROM: "+82200000000",
        }
      : {},
  ),
);

async function hang(kind: string, id: string): Promise<never> {
  process.stdout.write(`CLAIMED ${kind} ${id}\n`);
  setInterval(() => undefined, 60_000);
  return new Promise<never>(() => undefined);
}

const onFiringClaim =
  pause === "firing"
    ? async (f: { id: string; incidentId: number }) => {
        if (f.incidentId === pauseIncident) await hang("firing", f.id);
      }
    : undefined;
const onNotificationClaim =
  pause === "notification"
    ? async (n: { id: string; incidentId: number | null }) => {
        if (n.incidentId === pauseIncident) await hang("notification", n.id);
      }
    : undefined;

const onEventClaim =
  pause === "event"
    ? async (rows: { id: string; incidentId: number }[]) => {
        const row = rows.find((r) => r.incidentId === pauseIncident);
        if (row) await hang("event", row.id);
      }
    : undefined;

let fired = 0;
let attempted = 0;
const events: string[] = [];
async function tick() {
  const e = await runIncidentEventTick(clock(), instance, { leaseMs, afterClaim: onEventClaim });
  const s = await runSchedulerTick(clock(), instance, { leaseMs, afterClaim: onFiringClaim });
  const d = await runDeliveryTick(clock(), instance, { router, leaseMs, afterClaim: onNotificationClaim });
  events.push(...e.processed);
  fired += s.fired.length;
  attempted += d.attempted;
  return e.processed.length + e.failed.length + s.fired.length + d.attempted;
}

if (process.env.WORKER_MODE === "declare") {
  // As a server instance would: its commits are dispatched right after them (startup.ts) — unless it dies first.
  advanceClock(base - Date.now());
  installCommitDispatch(instance);
  setFailpoint("incident.committed", () => {
    process.stdout.write("COMMITTED\n");
    process.kill(process.pid, "SIGKILL");
    return new Promise<never>(() => undefined);
  });
  await declareIncident(await actorFor("commander"), { title: process.env.DECLARE_TITLE ?? "Declared, then killed", severity: "P0" });
  process.stdout.write("SURVIVED\n"); // never reached: the failpoint kills us
  process.exit(2);
} else if (process.env.WORKER_MODE === "forever") {
  const every = Number(process.env.WORKER_TICK_MS ?? 50);
  for (;;) {
    await tick();
    await new Promise((r) => setTimeout(r, every));
  }
} else {
  // Idle = three quiet ticks in a row (a claim left by a killed worker needs its lease to run out first).
  let quiet = 0;
  const deadline = Date.now() + 60_000;
  while (quiet < 3 && Date.now() < deadline) {
    quiet = (await tick()) === 0 ? quiet + 1 : 0;
    if (quiet > 0) await new Promise((r) => setTimeout(r, 100));
  }
  process.stdout.write(`DONE ${JSON.stringify({ instance, fired, attempted, events })}\n`);
  process.exit(0);
}
