// One run of the insights benchmark against DATABASE_URL (see bench/insights.mts), in its own process because
// the server modules are fenced with "server-only" (needs --conditions=react-server).
//
// A fresh database gets INCIDENTS incidents spread over 90 days (a third from alerts, some raised in severity,
// some reopened, some drills) with EVENTS timeline events in all (state changes, alerts, notes and other
// entries by people), escalation firings, postmortems and action items. The report is then computed RUNS
// times per range; printed: p50, p99 and the report's size.
import { execFileSync } from "node:child_process";
import { SCENARIO_SLUGS } from "@/lib/domain/scenarios";
import { prisma } from "@/lib/server/db";
import { computeInsightsFor } from "@/lib/server/insights/report";
import type { Prisma } from "@/lib/generated/prisma/client";

const [label] = process.argv.slice(2);
const INCIDENTS = Number(process.env.BENCH_INSIGHTS_INCIDENTS ?? 10_000);
const EVENTS = Number(process.env.BENCH_INSIGHTS_EVENTS ?? 200_000);
const RUNS = Number(process.env.BENCH_INSIGHTS_RUNS ?? 30);
const url = process.env.DATABASE_URL!;
const DAY = 86_400_000;
const MIN = 60_000;

execFileSync("node", ["scripts/reset-db.mjs", url], { stdio: "inherit" });
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });

const end = Date.now();
const start = end - 90 * DAY;
const severities = ["P0", "P1", "P2", "P3"];
// every scenario, and incidents declared without one
const scenarios = [...SCENARIO_SLUGS, null];
const seedStart = Date.now();

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 5_000) await write(rows.slice(i, i + 5_000));
}

const plans = Array.from({ length: INCIDENTS }, (_, i) => {
  const declared = start + Math.floor((i / INCIDENTS) * 90 * DAY);
  const fromAlert = i % 3 === 0;
  const resolveAfter = (5 + (i % 240)) * MIN;
  return {
    i,
    severity: severities[i % 4],
    scenario: scenarios[i % scenarios.length],
    fromAlert,
    isDrill: i % 50 === 0,
    startedAt: fromAlert ? declared - (1 + (i % 5)) * MIN : declared,
    declared,
    resolvedAt: i % 20 === 0 ? null : declared + resolveAfter,
  };
});
await inBatches(plans, (batch) =>
  prisma.incident.createMany({
    data: batch.map((p) => ({
      title: `bench ${p.i}`,
      severity: p.severity,
      status: p.resolvedAt ? "resolved" : "investigating",
      scenario: p.scenario,
      source: p.fromAlert ? "alert" : "api",
      isDrill: p.isDrill,
      startedAt: new Date(p.startedAt),
      createdAt: new Date(p.declared),
      resolvedAt: p.resolvedAt ? new Date(p.resolvedAt) : null,
    })),
  }),
);
const ids = (await prisma.incident.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);

const events: Prisma.TimelineEventCreateManyInput[] = [];
const perIncident = Math.floor(EVENTS / INCIDENTS);
for (const p of plans) {
  const incidentId = ids[p.i];
  const at = (ms: number) => new Date(p.declared + ms);
  const ev = (kind: string, ms: number, data: object | undefined, person = true) =>
    events.push({ incidentId, kind, actorId: person ? "bench-user" : null, actorName: "bench", message: kind, data, createdAt: at(ms) });
  const before = events.length;
  ev("declared", 0, { severity: p.severity });
  if (p.fromAlert) ev("alert", 0, { source: "rule-engine", rule: ["HighErrorRate", "HighResponseTime", "LowThroughput"][p.i % 3] }, false);
  if (p.i % 7 === 0) ev("severity", 2 * MIN, { from: p.severity, to: "P0", reason: "bench" });
  const span = (p.resolvedAt ?? p.declared + 60 * MIN) - p.declared;
  ev("status", Math.floor(span / 2), { from: "investigating", to: "mitigated" });
  if (p.resolvedAt) {
    if (p.i % 11 === 0) {
      ev("resolved", Math.floor(span * 0.7), { from: "mitigated", to: "resolved" });
      ev("reopened", Math.floor(span * 0.8), { from: "resolved", to: "investigating" });
    }
    ev("resolved", span, { from: "mitigated", to: "resolved" });
  }
  // The rest: notes, diagnostics and notifications, as a busy incident room writes them.
  for (let k = events.length - before; k < perIncident; k++)
    ev(k % 3 === 0 ? "notification" : "note", 3 * MIN + k * 30_000, undefined, k % 3 !== 0);
}
await inBatches(events, (batch) => prisma.timelineEvent.createMany({ data: batch }));

const firings = plans
  .filter((p) => p.severity !== "P3" && p.i % 2 === 0)
  .map((p) => ({
    incidentId: ids[p.i],
    fireKey: "team_lead",
    stepKey: "team_lead",
    role: "team_lead",
    dueAt: new Date(p.startedAt + 15 * MIN),
    firedAt: new Date(p.startedAt + 15 * MIN),
    acknowledgedAt: p.i % 4 === 0 ? new Date(p.startedAt + 19 * MIN) : null,
  }));
await inBatches(firings, (batch) => prisma.escalationFiring.createMany({ data: batch }));

const resolved = plans.filter((p) => p.resolvedAt && p.severity !== "P3" && p.i % 3 !== 0);
await inBatches(resolved, (batch) =>
  prisma.postmortem.createMany({
    data: batch.map((p) => ({
      incidentId: ids[p.i],
      title: `pm ${p.i}`,
      status: p.i % 2 === 0 ? "published" : "draft",
      sections: {},
      facts: {},
      checklist: {},
      createdAt: new Date(p.resolvedAt! + (p.i % 9) * DAY),
      updatedAt: new Date(p.resolvedAt! + (p.i % 9) * DAY),
      updatedByName: "bench",
      publishedAt: p.i % 2 === 0 ? new Date(p.resolvedAt! + 10 * DAY) : null,
    })),
  }),
);
const postmortems = await prisma.postmortem.findMany({ select: { id: true, createdAt: true } });
const items = postmortems.flatMap((pm, n) =>
  [0, 1].map((k) => ({
    postmortemId: pm.id,
    title: `item ${n}.${k}`,
    owner: "bench",
    dueDate: new Date(pm.createdAt.getTime() + 14 * DAY).toISOString().slice(0, 10),
    horizon: "short_term",
    status: (n + k) % 3 === 0 ? "done" : "open",
    createdAt: pm.createdAt,
    updatedAt: new Date(pm.createdAt.getTime() + 7 * DAY),
  })),
);
await inBatches(items, (batch) => prisma.actionItem.createMany({ data: batch }));
const seeded = { incidents: await prisma.incident.count(), events: await prisma.timelineEvent.count(), items: items.length };
console.log(
  `${label}: seeded ${seeded.incidents} incidents, ${seeded.events} timeline events, ${firings.length} escalations, ${postmortems.length} postmortems, ${seeded.items} action items in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
);

const pct = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
for (const days of [90, 28]) {
  const q = {
    from: new Date(end - days * DAY),
    to: new Date(end + DAY),
    severities: [],
    scenario: null,
    includeDrills: false,
    postmortemDays: 5,
  };
  await computeInsightsFor(q, "Asia/Seoul", new Date()); // warm-up
  const times: number[] = [];
  let bytes = 0;
  let count = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const report = await computeInsightsFor(q, "Asia/Seoul", new Date());
    times.push(performance.now() - t0);
    bytes = JSON.stringify(report).length;
    count = report.totals.count;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: ${days}-day range (${count} incidents in the report, ${Math.round(bytes / 1024)} KB JSON), ${RUNS} runs: p50 ${pct(times, 50).toFixed(0)} ms, p99 ${pct(times, 99).toFixed(0)} ms`,
  );
}
await prisma.$disconnect();
