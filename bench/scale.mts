// Scale benchmark (issue 17), SQLite and PostgreSQL, production build (`next start`):
// 1. queries per request (Prisma query events) for /me, an incident read and a declare (bench/support/query-count.mts);
// 2. GET /api/v1/me vs GET /api/v1/incidents/{id} vs POST /api/v1/incidents in the same run: req/s and the ratios;
// 3. a P0 war room: WATCHERS SSE clients on one incident behaving as the room does (a change that carries the
//    incident's new data is applied from it; a bare notice makes them refetch the incident and its timeline's first
//    page, again once more when a change lands mid-refetch) while the incident changes
//    CHANGES_PER_S times a second: live-update latency (change sent → watcher holds the new version) p50/p95, and
//    the server's CPU (all its processes, share of the machine's cores);
// 4. the incident list and the escalations board with 10,000 incidents (500 open): p50/p99;
// 5. escalation lag (due → fired, due → delivered) with 1,000 and 10,000 open incidents (bench/support/escalations-run.mts).
// Prints figures and the machine's load (uptime); never passes or fails.
import { spawnSync } from "node:child_process";
import { setMaxListeners } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { createPrismaClient } from "../lib/server/prisma-client";
import { ensureBuild, PRODUCTION_ENV, pgUrl, startServer, type BenchServer } from "./support/server.mts";
import { formatLoad, percentile, runLoad } from "./support/load.mts";
import { runEscalationLag } from "./support/escalation-lag.mts";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 6_000);
const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 200);
const WATCH_MS = Number(process.env.BENCH_WATCH_MS ?? 60_000);
const CHANGES_PER_S = Number(process.env.BENCH_CHANGES_PER_S ?? 2);
const PORT = Number(process.env.BENCH_SCALE_PORT ?? 4330);
const PARTS = (process.env.BENCH_SCALE_PARTS ?? "queries,ratios,watchers,lists,escalations").split(",");

const load = () =>
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} on ${cpus().length} cores`;

export async function main() {
  ensureBuild();
  console.log(`\n## Scale (issue 17) — ${load()}`);
  const databases = [
    ["SQLite", "file:./.data/bench-scale.db"],
    ["PostgreSQL", pgUrl("ic_bench_scale")],
  ] as const;
  if (PARTS.includes("queries")) {
    console.log("\n### Queries per request (route handler in-process, one at a time)");
    for (const [label, url] of databases) {
      const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/support/query-count.mts", label], {
        env: { ...process.env, DATABASE_URL: url, ...PRODUCTION_ENV },
        stdio: ["ignore", "inherit", "inherit"],
      });
      if (run.status !== 0) console.error(`query count on ${label} failed (exit ${run.status})`);
    }
  }
  for (const [label, url] of databases) {
    if (!PARTS.some((p) => ["ratios", "watchers", "lists"].includes(p))) break;
    const server = await startServer(url, PORT);
    try {
      // one part failing (e.g. the server falling over under the load) still leaves the others' figures
      for (const [part, run] of [
        ["ratios", ratios],
        ["watchers", warRoom],
        ["lists", lists],
      ] as const) {
        if (PARTS.includes(part)) await run(label, server).catch((error: unknown) => console.error(`${label}: ${part} failed:`, error));
      }
    } finally {
      await server.stop();
    }
  }
  if (PARTS.includes("escalations")) {
    for (const incidents of [1_000, 10_000]) {
      console.log(`\n### Escalation lag with ${incidents.toLocaleString("en")} open incidents — ${load()}`);
      runEscalationLag("scale-escalations", incidents);
    }
  }
}

function headersOf(server: BenchServer) {
  return { authorization: `Bearer ${server.token}`, "content-type": "application/json" };
}

async function ratios(label: string, server: BenchServer) {
  const headers = headersOf(server);
  const base = server.baseUrl;
  console.log(`\n### ${label}: /me vs incident read vs declare (${CONNECTIONS} connections, ${DURATION_MS / 1000} s each) — ${load()}`);
  await runLoad({ connections: 2, durationMs: 1_500, request: () => fetch(`${base}/api/v1/me`, { headers }) });
  for (let i = 0; i < 200; i++) {
    await fetch(`${base}/api/v1/incidents`, { method: "POST", headers, body: JSON.stringify({ title: `seed ${i}`, severity: "P1" }) });
  }
  const list = (await (await fetch(`${base}/api/v1/incidents?status=all&limit=200`, { headers })).json()) as { items: { id: number }[] };
  const ids = list.items.map((i) => i.id);
  await runLoad({
    connections: 2,
    durationMs: 1_000,
    request: (i) => fetch(`${base}/api/v1/incidents/${ids[i % ids.length]}`, { headers }),
  });
  const me = await runLoad({ connections: CONNECTIONS, durationMs: DURATION_MS, request: () => fetch(`${base}/api/v1/me`, { headers }) });
  console.log(formatLoad(`${label}: GET /api/v1/me`, me));
  const read = await runLoad({
    connections: CONNECTIONS,
    durationMs: DURATION_MS,
    request: (i) => fetch(`${base}/api/v1/incidents/${ids[i % ids.length]}`, { headers }),
  });
  console.log(formatLoad(`${label}: GET /api/v1/incidents/{id}`, read));
  const declare = await runLoad({
    connections: CONNECTIONS,
    durationMs: DURATION_MS,
    request: (i) =>
      fetch(`${base}/api/v1/incidents`, { method: "POST", headers, body: JSON.stringify({ title: `bench ${i}`, severity: "P2" }) }),
  });
  console.log(formatLoad(`${label}: POST /api/v1/incidents`, declare));
  console.log(
    `${label}: ratios — read ${(read.rps / me.rps).toFixed(2)}× of /me (target ≥ 0.5), declare ${(declare.rps / me.rps).toFixed(2)}× (target ≥ 0.25)`,
  );
}

/** CPU seconds used so far by a process and all its descendants (Linux /proc). */
function cpuSeconds(rootPid: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    for (let p: number | undefined = pid; p; p = parent.get(p)) {
      if (p === rootPid) {
        total += t;
        break;
      }
    }
  }
  return total / 100; // USER_HZ
}

async function warRoom(label: string, server: BenchServer) {
  const headers = headersOf(server);
  const base = server.baseUrl;
  const incident = (await (
    await fetch(`${base}/api/v1/incidents`, { method: "POST", headers, body: JSON.stringify({ title: "War room", severity: "P1" }) })
  ).json()) as { id: number; version: number };
  const sentAt = new Map<number, number>(); // version → when its change was sent
  const latencies: number[] = [];
  let refetches = 0;
  let pushes = 0;
  let refetchErrors = 0;
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // every watcher's requests listen to it

  const watcher = async () => {
    let seen = incident.version;
    let running = false;
    let again = false;
    const seeVersion = (version: number) => {
      const at = performance.now();
      for (let v = seen + 1; v <= version; v++) {
        const sent = sentAt.get(v);
        if (sent !== undefined) latencies.push(at - sent);
      }
      seen = Math.max(seen, version);
    };
    const refetch = async (): Promise<void> => {
      if (running) {
        again = true; // as react-query: one more refetch after the one in flight, not one per event
        return;
      }
      running = true;
      try {
        const [res, timeline] = await Promise.all([
          fetch(`${base}/api/v1/incidents/${incident.id}`, { headers, signal: controller.signal }),
          fetch(`${base}/api/v1/incidents/${incident.id}/timeline?order=desc`, { headers, signal: controller.signal }),
        ]);
        await timeline.arrayBuffer();
        refetches++;
        if (!res.ok || !timeline.ok) refetchErrors++;
        seeVersion(((await res.json()) as { version: number }).version);
      } catch {
        if (!controller.signal.aborted) refetchErrors++;
      } finally {
        running = false;
      }
      if (again && !controller.signal.aborted) {
        again = false;
        await refetch();
      }
    };
    try {
      const stream = await fetch(`${base}/api/v1/stream?topics=incident:${incident.id}`, { headers, signal: controller.signal });
      const reader = stream.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (!event.includes("event: change")) continue;
          // As the room does (lib/client/use-live.ts): a change that carries the incident's new data is applied
          // from it; only a bare notice makes the watcher refetch.
          const data = /^data: (.*)$/m.exec(event)?.[1];
          const pushed = data ? (JSON.parse(data) as { snapshot?: { incident: { version: number } } }).snapshot : undefined;
          if (pushed) {
            pushes++;
            seeVersion(pushed.incident.version);
          } else void refetch();
        }
      }
    } catch {
      // aborted at the end
    }
  };
  const watchers = Array.from({ length: WATCHERS }, watcher);
  await new Promise((r) => setTimeout(r, 3_000)); // all streams open

  const cpu0 = cpuSeconds(server.pid ?? 0);
  const t0 = performance.now();
  let version = incident.version;
  let changes = 0;
  let changeErrors = 0;
  const changeLatencies: number[] = [];
  while (performance.now() - t0 < WATCH_MS) {
    const tick = performance.now();
    const sent = performance.now();
    sentAt.set(version + 1, sent);
    const res = await fetch(`${base}/api/v1/incidents/${incident.id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ severity: changes % 2 ? "P1" : "P2", reason: "bench: severity re-assessed", version }),
    });
    changeLatencies.push(performance.now() - sent);
    if (res.ok) version = ((await res.json()) as { version: number }).version;
    else {
      changeErrors++;
      version = ((await (await fetch(`${base}/api/v1/incidents/${incident.id}`, { headers })).json()) as { version: number }).version;
    }
    changes++;
    const wait = 1000 / CHANGES_PER_S - (performance.now() - tick);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  const elapsed = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 2_000)); // the last refetches land
  const cpu = (cpuSeconds(server.pid ?? 0) - cpu0) / (elapsed + 2) / cpus().length;
  controller.abort();
  await Promise.allSettled(watchers);
  latencies.sort((a, b) => a - b);
  changeLatencies.sort((a, b) => a - b);
  const expected = (changes - changeErrors) * WATCHERS;
  console.log(
    `\n### ${label}: war room — ${WATCHERS} SSE watchers, ${CHANGES_PER_S} changes/s for ${elapsed.toFixed(0)} s — ${load()}\n` +
      `${label}: live update (change sent → watcher has it) p50 ${percentile(latencies, 50).toFixed(0)} ms  p95 ${percentile(latencies, 95).toFixed(0)} ms  ` +
      `p99 ${percentile(latencies, 99).toFixed(0)} ms  max ${(latencies.at(-1) ?? NaN).toFixed(0)} ms; updates seen ${latencies.length}/${expected}\n` +
      `${label}: server CPU ${(cpu * 100).toFixed(0)}% of ${cpus().length} cores; ${changes} changes (${changeErrors} refused), PATCH p50 ${percentile(changeLatencies, 50).toFixed(0)} ms; ` +
      `${pushes} changes applied from pushed data, ${refetches} refetches (${refetchErrors} failed)`,
  );
}

async function lists(label: string, server: BenchServer) {
  const headers = headersOf(server);
  const base = server.baseUrl;
  const db = createPrismaClient(server.databaseUrl);
  const existing = await db.incident.count();
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
  const now = Date.now();
  const rows = Array.from({ length: Math.max(0, 10_000 - existing) }, (_, i) => {
    const open = i < 500;
    const startedAt = new Date(now - (open ? i * 60_000 : 86_400_000 + i * 3_600_000));
    return {
      title: `bench incident ${i}`,
      description: "",
      severity: ["P0", "P1", "P2", "P3"][i % 4],
      status: open ? "investigating" : "resolved",
      source: "api",
      declaredById: admin.id,
      startedAt,
      resolvedAt: open ? null : new Date(startedAt.getTime() + 3_600_000),
      createdAt: startedAt,
      updatedAt: startedAt,
    };
  });
  for (let i = 0; i < rows.length; i += 1_000) await db.incident.createMany({ data: rows.slice(i, i + 1_000) });
  await db.$disconnect();
  // Writing 10,000 rows leaves the client's pooled connection idle past the server's keep-alive (5 s): the server
  // may close it just as it is reused ("other side closed"), which is the client's race, not a failure to measure.
  const first = () => fetch(`${base}/api/v1/incidents?status=open&limit=500`, { headers });
  const open = (await (await first().catch(first)).json()) as { items: unknown[] };
  console.log(
    `\n### ${label}: lists with 10,000 incidents (${open.items.length}+ open), 4 connections, ${DURATION_MS / 1000} s each — ${load()}`,
  );
  for (const [name, path] of [
    ["GET /api/v1/incidents (first page)", "/api/v1/incidents"],
    ["GET /api/v1/incidents?status=open", "/api/v1/incidents?status=open"],
    ["GET /api/v1/incidents?status=resolved", "/api/v1/incidents?status=resolved"],
    ["GET /api/v1/escalations (board)", "/api/v1/escalations"],
  ] as const) {
    const r = await runLoad({ connections: 4, durationMs: DURATION_MS, request: () => fetch(`${base}${path}`, { headers }) });
    console.log(formatLoad(`${label}: ${name}`, r));
  }
  // a later page costs what the first does (keyset, not OFFSET)
  let cursor: string | undefined;
  let pages = 0;
  const t0 = performance.now();
  do {
    const body = (await (await fetch(`${base}/api/v1/incidents?limit=500${cursor ? `&cursor=${cursor}` : ""}`, { headers })).json()) as {
      nextCursor?: string;
    };
    cursor = body.nextCursor;
    pages++;
  } while (cursor);
  console.log(`${label}: walked the whole list in ${pages} pages of 500: ${((performance.now() - t0) / pages).toFixed(0)} ms a page`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  process.exit(0);
}
