// The public status page under load, with 10,000 past incidents in the database (each public, on a
// component, all resolved within the last days: every one of them falls inside the 90-day history — the worst case): GET /status and GET /api/health at 16 connections in
// the same run, on SQLite and PostgreSQL. Prints figures; never passes or fails.
//   flock /tmp/ic-heavy.lock env NEXT_DIST_DIR=.next-status npx tsx bench/status.mts
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { benchDatabases, startServer } from "./support/server.mts";
import { formatLoad, runLoad } from "./support/load.mts";
import { createPrismaClient } from "../lib/server/prisma-client";
import { SEED_COMPONENTS, IMPACTS } from "../lib/domain/status/components";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8_000);
const PAST_INCIDENTS = Number(process.env.BENCH_STATUS_INCIDENTS ?? 10_000);
const PORT = Number(process.env.BENCH_STATUS_PORT ?? 4325);
const DAY = 86_400_000;

function ensureBuild() {
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(`${dist}/BUILD_ID`)) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
}

/** 10,000 resolved incidents of the last days (all inside the history window), each on one component with a published update. */
async function seedPastIncidents(databaseUrl: string) {
  const db = createPrismaClient(databaseUrl);
  try {
    for (const [position, c] of SEED_COMPONENTS.entries())
      await db.statusComponent.upsert({ where: { slug: c.slug }, create: { ...c, position }, update: {} });
    await db.appSetting.upsert({
      where: { key: "status.components.seeded" },
      create: { key: "status.components.seeded", value: true, updatedAt: new Date() },
      update: {},
    });
    const components = await db.statusComponent.findMany();
    const now = Date.now();
    const BATCH = 500;
    for (let start = 0; start < PAST_INCIDENTS; start += BATCH) {
      const n = Math.min(BATCH, PAST_INCIDENTS - start);
      const rows = Array.from({ length: n }, (_, k) => {
        const i = start + k;
        const startedAt = new Date(now - 2 * DAY - ((i * 7_919) % (730 * DAY)));
        return {
          title: `past incident ${i}`,
          severity: ["P0", "P1", "P2", "P3"][i % 4],
          status: "resolved",
          startedAt,
          resolvedAt: new Date(startedAt.getTime() + 45 * 60_000),
          createdAt: startedAt,
        };
      });
      await db.incident.createMany({ data: rows });
      const created = await db.incident.findMany({
        where: { title: { in: rows.map((r) => r.title) } },
        select: { id: true, startedAt: true, resolvedAt: true },
      });
      await db.incidentComponent.createMany({
        data: created.map((c, k) => ({
          incidentId: c.id,
          componentId: components[k % components.length].id,
          impact: IMPACTS[k % IMPACTS.length],
          updatedAt: c.startedAt,
        })),
      });
      await db.statusUpdate.createMany({
        data: created.map((c) => ({
          incidentId: c.id,
          status: "resolved",
          bodyKo: "해결되었습니다.",
          bodyEn: "Resolved.",
          components: [],
          authorName: "bench",
          publishedAt: c.resolvedAt!,
        })),
      });
    }
    const inWindow = await db.incident.count({ where: { resolvedAt: { gte: new Date(now - 91 * DAY) } } });
    return inWindow;
  } finally {
    await db.$disconnect();
  }
}

export async function main() {
  ensureBuild();
  console.log(
    `\n## Status page (${CONNECTIONS} connections, ${DURATION_MS / 1000} s per run, ${PAST_INCIDENTS} past incidents, 2 cores shared by server and load)`,
  );
  for (const [label, url] of benchDatabases("status")) {
    // the seed runs after migrations: startServer migrates, so seed through a first start
    const server = await startServer(url, PORT);
    try {
      const inWindow = await seedPastIncidents(url);
      console.log(`${label}: ${PAST_INCIDENTS} past incidents, ${inWindow} inside the 90-day history`);
      const page = () => fetch(`${server.baseUrl}/status`);
      const health = () => fetch(`${server.baseUrl}/api/health`);
      await runLoad({ connections: 2, durationMs: 1_000, request: page });
      await runLoad({ connections: 2, durationMs: 1_000, request: health });
      // what one visitor downloads (uncompressed): the page must not carry the whole app's catalogues
      const html = await (await page()).text();
      console.log(`${label}: GET /status is ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB of HTML`);
      const status = await runLoad({ connections: CONNECTIONS, durationMs: DURATION_MS, request: page });
      console.log(formatLoad(`${label}: GET /status`, status));
      const api = await runLoad({
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        request: () => fetch(`${server.baseUrl}/api/v1/status`),
      });
      console.log(formatLoad(`${label}: GET /api/v1/status`, api));
      const feed = await runLoad({
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        request: () => fetch(`${server.baseUrl}/status/feed.atom`),
      });
      console.log(formatLoad(`${label}: GET /status/feed.atom`, feed));
      const baseline = await runLoad({ connections: CONNECTIONS, durationMs: DURATION_MS, request: health });
      console.log(formatLoad(`${label}: GET /api/health`, baseline));
    } finally {
      await server.stop();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
