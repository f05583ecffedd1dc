// Queries per request for GET /api/v1/me, GET /api/v1/incidents/{id} and POST /api/v1/incidents, counted from
// Prisma's query events, with the in-process time per request (route handler only: no HTTP, no framework).
// Runs in its own process (server modules are fenced with "server-only": needs --conditions=react-server) against
// DATABASE_URL, which it resets first.
import { PrismaClient } from "../../lib/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "../../lib/generated/prisma-pg/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { createAdminToken, prepareDatabase } from "./server.mts";

const url = process.env.DATABASE_URL!;
const label = process.argv[2] ?? url.split(":")[0];
prepareDatabase(url);

let queries = 0;
const log = [{ emit: "event" as const, level: "query" as const }];
const client = url.startsWith("postgres")
  ? (new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }), log }) as unknown as PrismaClient)
  : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5_000 }), log });
// BENCH_QUERY_LOG=1 prints each query of the measured requests (where the round trips go), not only the count.
const printQueries = process.env.BENCH_QUERY_LOG === "1";
(client as unknown as { $on: (e: "query", cb: (e: { query: string; duration: number }) => void) => void }).$on("query", (e) => {
  queries++;
  if (printQueries && logging) console.log(`  ${String(e.duration).padStart(4)} ms  ${e.query.replace(/\s+/g, " ").slice(0, 160)}`);
});
let logging = false;
// the app's modules take this client (prisma-client.ts keeps one per process on globalThis)
(globalThis as unknown as { prisma: PrismaClient }).prisma = client;
if (!url.startsWith("postgres")) {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}

const token = await createAdminToken(client, { lastUsedAt: new Date() });

// as in a started server: a commit's outbox rows are dispatched right after it (the declare waits for that)
const { installCommitDispatch } = await import("../../lib/server/incident-outbox/start");
installCommitDispatch("bench-query-count");
const { GET: ME } = await import("../../app/api/v1/me/route");
const { GET: READ } = await import("../../app/api/v1/incidents/[id]/route");
const { POST: DECLARE } = await import("../../app/api/v1/incidents/route");
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function measure(name: string, n: number, call: (i: number) => Promise<Response>) {
  await call(0); // warm-up (first import, prepared statements, the read cache's subscription)
  if (printQueries) {
    console.log(`-- ${name}, one request:`);
    logging = true;
    await (await call(0)).arrayBuffer();
    logging = false;
  }
  const before = queries;
  const t0 = performance.now();
  for (let i = 1; i <= n; i++) {
    const res = await call(i);
    if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  const ms = (performance.now() - t0) / n;
  console.log(
    `${label.padEnd(10)} ${name.padEnd(40)} ${((queries - before) / n).toFixed(1).padStart(5)} queries/request  ${ms.toFixed(2)} ms/request`,
  );
}

const declared = (await (
  await (DECLARE as Handler)(
    new Request("http://bench/api/v1/incidents", { method: "POST", headers, body: JSON.stringify({ title: "bench", severity: "P0" }) }),
    { params: Promise.resolve({}) },
  )
).json()) as { id: number };
await measure("GET /api/v1/me", 200, () =>
  (ME as Handler)(new Request("http://bench/api/v1/me", { headers }), { params: Promise.resolve({}) }),
);
await measure("GET /api/v1/incidents/{id} (cached)", 200, () =>
  (READ as Handler)(new Request(`http://bench/api/v1/incidents/${declared.id}`, { headers }), {
    params: Promise.resolve({ id: String(declared.id) }),
  }),
);
// each read after a change: the cache entry is dropped by the change bus, the read goes to the database
const { publish } = await import("../../lib/server/change-bus");
await measure("GET /api/v1/incidents/{id} (after a change)", 200, async () => {
  await publish(`incident:${declared.id}`);
  await new Promise((r) => setTimeout(r, url.startsWith("postgres") ? 5 : 0));
  return (READ as Handler)(new Request(`http://bench/api/v1/incidents/${declared.id}`, { headers }), {
    params: Promise.resolve({ id: String(declared.id) }),
  });
});
await measure("POST /api/v1/incidents", 100, (i) =>
  (DECLARE as Handler)(
    new Request("http://bench/api/v1/incidents", {
      method: "POST",
      headers,
      body: JSON.stringify({ title: `bench ${i}`, severity: "P2" }),
    }),
    { params: Promise.resolve({}) },
  ),
);
await client.$disconnect();
process.exit(0);
