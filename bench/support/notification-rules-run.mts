// One run of the notification rules benchmark against DATABASE_URL (see bench/notification-rules.mts), in its own
// process because the server modules are fenced with "server-only" (needs --conditions=react-server).
import { execFileSync } from "node:child_process";
import { prisma } from "@/lib/server/db";
import { createDueP0Incidents } from "./due-p0-incidents.mts";
import { advanceClock, now } from "@/lib/server/clock";
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";
import { runDeliveryTick } from "@/lib/server/escalations/deliverer";
import { acknowledgeStep } from "@/lib/server/escalations/acknowledge";
import { createSchedule } from "@/lib/server/oncall/store";
import { scheduleInput } from "@/lib/domain/oncall/input";
import { createNotifyRouter, notifyConfigFromEnv } from "@/lib/notify";
import type { Actor } from "@/lib/server/actor";

const [label] = process.argv.slice(2);
const N = Number(process.env.BENCH_RULES_INCIDENTS ?? 50);
const url = process.env.DATABASE_URL!;
const MIN = 60_000;

execFileSync("node", ["scripts/reset-db.mjs", url], { stdio: "inherit" });
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });

const user = await prisma.user.create({ data: { email: "lead@bench.example", name: "Bench Lead", role: "responder" } });
await prisma.userPagingContact.create({ data: { userId: user.id, phone: "+821012345678", slackHandle: "", updatedAt: now() } });
await prisma.notificationRule.createMany({
  data: [
    { userId: user.id, urgency: "high", position: 0, channel: "sms", delayMinutes: 0 },
    { userId: user.id, urgency: "high", position: 1, channel: "phone", delayMinutes: 3 },
  ],
});
const admin: Actor = { kind: "user", userId: user.id, tokenId: null, label: "bench", role: "admin" };
await createSchedule(
  admin,
  scheduleInput.parse({
    role: "team_lead",
    layers: [{ members: [user.id], rotation: { kind: "daily" }, handoff: "09:00", startDate: "2026-01-01" }],
  }),
);

const ids = await createDueP0Incidents(N);
const fired = await runSchedulerTick(now(), "bench");
if (fired.fired.length !== N) throw new Error(`expected ${N} fired steps, got ${fired.fired.length}`);
const waiting = await prisma.notification.count({ where: { channel: "phone", status: "pending", notBefore: { gt: now() } } });
if (waiting !== N) throw new Error(`expected ${N} waiting calls, got ${waiting}`);

advanceClock(2 * MIN);
const lead: Actor = { ...admin, role: "manager" };
const times: number[] = [];
for (const incidentId of ids) {
  const started = performance.now();
  await acknowledgeStep(lead, incidentId, "team_lead", { via: "sms" });
  times.push(performance.now() - started);
  const call = await prisma.notification.findFirstOrThrow({ where: { incidentId, channel: "phone" } });
  if (call.status !== "cancelled") throw new Error(`incident ${incidentId}: the call is ${call.status} after the acknowledgement`);
}

advanceClock(2 * MIN);
const router = createNotifyRouter(notifyConfigFromEnv({}));
for (let i = 0; i < 20; i++) if ((await runDeliveryTick(now(), "bench", { router })).attempted === 0) break;
const calls = await prisma.notification.count({ where: { channel: "phone", status: { not: "cancelled" } } });

const s = [...times].sort((a, b) => a - b);
console.log(
  `${label} acknowledgement → waiting call cancelled (committed with it): median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (n=${s.length})`,
);
console.log(`${label} calls placed or pending at +4 min after the acknowledgements: ${calls} (must be 0)`);
await prisma.$disconnect();
