// One run of the escalation benchmark against DATABASE_URL (see bench/escalations.mts), in its own
// process because the server modules it drives are fenced with "server-only" (needs --conditions=react-server).
//
// 1,000 open incidents (P0, P1, P2 in turn) are written straight into a fresh database with their start
// times chosen so that exactly one step of each comes due during a WINDOW_MS window (earlier steps are
// recorded as fired and acknowledged, so no reminder interferes). The production loops (start.ts startLoop,
// one tick a second, the scheduler waking the deliverer) then run in-process — on PostgreSQL as two
// instances — with the in-app outbox adapter, wrapped to timestamp every send. Printed: the lag from each
// step's due time to its firing and to the delivery of all its channels, and duplicates and misses.
import { execFileSync } from "node:child_process";
import { ESCALATION_MATRIX } from "@/lib/domain/escalation-matrix";
import type { Severity } from "@/lib/domain/severity";
import { prisma } from "@/lib/server/db";
import { now } from "@/lib/server/clock";
import { runDeliveryTick } from "@/lib/server/escalations/deliverer";
import { schedulerTick, startLoop, TICK_MS, untilNextDue, type Loop } from "@/lib/server/escalations/start";
import { createNotifyRouter, notifyConfigFromEnv, type NotifyRouter, type Notifier } from "@/lib/notify";

const [label, instancesArg] = process.argv.slice(2);
const INSTANCES = Number(instancesArg ?? 1);
const INCIDENTS = Number(process.env.BENCH_ESCALATION_INCIDENTS ?? 1_000);
const WINDOW_MS = Number(process.env.BENCH_ESCALATION_WINDOW_MS ?? 40_000);
const LEAD_MS = 5_000;
const url = process.env.DATABASE_URL!;

execFileSync("node", ["scripts/reset-db.mjs", url], { stdio: "inherit" });
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });

for (const role of ["team_lead", "department_head", "executive"]) {
  await prisma.contact.create({
    data: { role, name: `Bench ${role}`, phone: "+82 10-0000-0000", email: `${role}@example.com`, slackHandle: "" },
  });
}

// ---- incidents whose next step comes due inside the window -------------------------------------
const runStart = Date.now() + LEAD_MS;
const severities: Severity[] = ["P0", "P1", "P2"];
interface Expected {
  incidentId: number;
  role: string;
  dueAt: number;
  channels: number;
}
const expected: Expected[] = [];
const firings: {
  incidentId: number;
  fireKey: string;
  stepKey: string;
  role: string;
  dueAt: Date;
  firedAt: Date;
  lateByMs: number;
  acknowledgedAt: Date;
  acknowledgedBy: string;
}[] = [];
const plans = Array.from({ length: INCIDENTS }, (_, i) => {
  const severity = severities[i % 3];
  const steps = ESCALATION_MATRIX[severity];
  const k = Math.floor(i / 3) % steps.length;
  const dueAt = runStart + Math.round((i / INCIDENTS) * WINDOW_MS);
  return { i, severity, steps, k, dueAt, startedAt: dueAt - steps[k].afterMs };
});
await prisma.incident.createMany({
  data: plans.map((p) => ({
    title: `bench ${p.i}`,
    severity: p.severity,
    source: "api",
    startedAt: new Date(p.startedAt),
    createdAt: new Date(p.startedAt),
  })),
});
const ids = (await prisma.incident.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
for (const p of plans) {
  const incidentId = ids[p.i];
  expected.push({ incidentId, role: p.steps[p.k].role, dueAt: p.dueAt, channels: p.severity === "P2" ? 2 : 3 });
  for (const earlier of p.steps.slice(0, p.k)) {
    const at = new Date(p.startedAt + earlier.afterMs);
    firings.push({
      incidentId,
      fireKey: earlier.role,
      stepKey: earlier.role,
      role: earlier.role,
      dueAt: at,
      firedAt: at,
      lateByMs: 0,
      acknowledgedAt: at,
      acknowledgedBy: "bench",
    });
  }
}
if (firings.length) await prisma.escalationFiring.createMany({ data: firings });
const expectedNotifications = expected.reduce((n, e) => n + e.channels, 0);

// ---- the production loops, with the outbox adapter timestamping every send -----------------------
const sends = new Map<string, number[]>();
function timed(notifier: Notifier): Notifier {
  return {
    kind: notifier.kind,
    async send(delivery) {
      const result = await notifier.send(delivery);
      sends.set(delivery.idempotencyKey, [...(sends.get(delivery.idempotencyKey) ?? []), Date.now()]);
      return result;
    },
  };
}
const base = createNotifyRouter(notifyConfigFromEnv({}));
const router: NotifyRouter = { outbox: timed(base.outbox), notifierFor: (d) => timed(base.notifierFor(d)) };

const schedulerTicks: number[] = [];
const loops: Loop[] = [];
await new Promise((r) => setTimeout(r, Math.max(0, runStart - Date.now() - 1_000)));
for (let n = 0; n < INSTANCES; n++) {
  const instanceId = `bench-${n}`;
  const deliverer = startLoop("deliverer", TICK_MS, () => runDeliveryTick(now(), instanceId, { router }));
  loops.push(deliverer);
  loops.push(
    // as production (start.ts): the loop wakes when the next step comes due
    startLoop("scheduler", TICK_MS, () => schedulerTick(instanceId, deliverer, (ms) => schedulerTicks.push(ms)), untilNextDue),
  );
}
const deadline = runStart + WINDOW_MS + 60_000;
while (Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 500));
  if (Date.now() > runStart + WINDOW_MS && (await prisma.notification.count({ where: { status: "sent" } })) >= expectedNotifications) break;
}
await Promise.all(loops.map((l) => l.stop()));

// ---- measure ---------------------------------------------------------------------------------
const rows = await prisma.escalationFiring.findMany({ where: { acknowledgedBy: null } });
const notifications = await prisma.notification.findMany({
  select: { idempotencyKey: true, incidentId: true, payload: true, status: true },
});
const escalatedEvents = await prisma.timelineEvent.groupBy({ by: ["incidentId"], where: { kind: "escalated" }, _count: { _all: true } });
const firedLag: number[] = [];
const deliveredLag: number[] = [];
const channelLag: number[] = [];
let misses = 0;
const byStep = new Map<string, typeof notifications>();
for (const n of notifications) {
  const fireKey = (n.payload as { fireKey?: string } | null)?.fireKey ?? "";
  const key = `${n.incidentId}|${fireKey}`;
  byStep.set(key, [...(byStep.get(key) ?? []), n]);
}
const firedByKey = new Map(rows.map((r) => [`${r.incidentId}|${r.fireKey}`, r]));
for (const e of expected) {
  const key = `${e.incidentId}|${e.role}`;
  const firing = firedByKey.get(key);
  const sent = (byStep.get(key) ?? []).map((n) => sends.get(n.idempotencyKey)?.[0]).filter((t): t is number => t !== undefined);
  if (!firing?.firedAt || sent.length < e.channels) {
    misses++;
    continue;
  }
  firedLag.push(firing.firedAt.getTime() - e.dueAt);
  for (const t of sent) channelLag.push(t - e.dueAt);
  deliveredLag.push(Math.max(...sent) - e.dueAt);
}
const duplicateSends = [...sends.values()].reduce((n, list) => n + list.length - 1, 0);
const unexpectedFirings = rows.length - expected.length;
const duplicateTimeline = escalatedEvents.reduce((n, g) => n + Math.max(0, g._count._all - 1), 0);

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN;
};
const fmt = (values: number[]) =>
  `median ${(pct(values, 50) / 1000).toFixed(2)} s  p99 ${(pct(values, 99) / 1000).toFixed(2)} s  max ${(pct(values, 100) / 1000).toFixed(2)} s`;
const who = `${label} (${INSTANCES} instance${INSTANCES > 1 ? "s" : ""})`;
console.log(
  `${who.padEnd(26)} steps ${deliveredLag.length}/${expected.length} delivered (${channelLag.length} notifications)  ·  scheduler tick over ${INCIDENTS} open incidents: median ${pct(schedulerTicks, 50).toFixed(0)} ms, p99 ${pct(schedulerTicks, 99).toFixed(0)} ms`,
);
console.log(`${"".padEnd(26)} due → fired                  ${fmt(firedLag)}`);
console.log(`${"".padEnd(26)} due → every channel sent     ${fmt(deliveredLag)}`);
console.log(`${"".padEnd(26)} due → each notification sent ${fmt(channelLag)}`);
console.log(
  `${"".padEnd(26)} duplicates ${duplicateSends + Math.max(0, unexpectedFirings) + duplicateTimeline} (second sends ${duplicateSends}, extra firings ${Math.max(0, unexpectedFirings)}, extra timeline entries ${duplicateTimeline})  ·  misses ${misses + Math.max(0, -unexpectedFirings)}`,
);
await prisma.$disconnect();
process.exit(0);
