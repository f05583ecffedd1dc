// Diagnostics benchmark (prints figures, never passes or fails):
//  (a) the Redis lock scenario's probes in parallel (runProbes) vs the manual's way, three redis-cli
//      processes one after another (`ping`, `info memory`, `keys "MY_LOCK:*" | wc -l`);
//  (c) the same "Run all" through the app's API (POST /api/v1/incidents/{id}/diagnostics, plain JSON,
//      results recorded on the incident) vs the manual's way, on a production build;
//  (b) with 1,000,000 keys in db 10, the latency another client sees doing PING in a loop while the
//      SCAN-based lock probe runs, versus while one KEYS runs.
// Run: npx tsx bench/diagnostics.mts   (REDIS_URL, default redis://127.0.0.1:6379; NEXT_DIST_DIR to use
// another build than .next; BENCH_DIAG_API=0 skips (c))
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { ProbeJob } from "../lib/diagnostics/runner";
import type { RedisTarget } from "../lib/diagnostics/types";
import { ensureBuild, startServer } from "./support/server.mts";

const run = promisify(execFile);
const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const REDIS_CLI = "/usr/bin/redis-cli";
const RUNS = Number(process.env.BENCH_DIAG_RUNS ?? 15);
const KEYS_TOTAL = Number(process.env.BENCH_DIAG_KEYS ?? 1_000_000);
const REPEATS = 3;

/**
 * The probes start with `import "server-only"`, which throws outside Next's server bundles. A plain
 * Node process is server-side by definition: pre-fill the module cache with an empty module.
 */
function allowServerOnly(): void {
  const require = createRequire(import.meta.url);
  const path = require.resolve("server-only");
  if (require.cache[path]) return;
  const Module = require("node:module") as new (id: string) => NodeJS.Module;
  const stub = new Module(path);
  stub.filename = path;
  stub.loaded = true;
  stub.exports = {};
  require.cache[path] = stub;
}

function withDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN;
};
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

/** The manual's diagnostics for the lock scenario: three redis-cli processes, one after another. */
function manualWay(url: string) {
  const cli = (...args: string[]) => run(REDIS_CLI, ["-u", url, ...args]);
  return async () => {
    await cli("ping");
    await cli("info", "memory");
    await run("sh", ["-c", `${REDIS_CLI} -u '${url}' keys "MY_LOCK:*" | wc -l`]);
  };
}

async function partA(target: RedisTarget) {
  const { PROBES } = await import("../lib/diagnostics/registry");
  const { runProbes } = await import("../lib/diagnostics/runner");
  const { probeIdsOfScenario } = await import("../lib/domain/runbooks");
  const ids = probeIdsOfScenario("redis-lock-timeout");
  const jobs: ProbeJob[] = ids.map((id) => ({ probe: PROBES[id], target }));
  const manual = manualWay(target.url);

  await runProbes(jobs); // warm-up: module loading, first connections
  await manual();
  const probeTimes: number[] = [];
  const cliTimes: number[] = [];
  let verdicts = "";
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    const results = await runProbes(jobs);
    probeTimes.push(performance.now() - t0);
    verdicts = results.map((r) => `${r.probeId}=${r.verdict}`).join(" ");
    t0 = performance.now();
    await manual();
    cliTimes.push(performance.now() - t0);
  }
  const a = median(probeTimes);
  const b = median(cliTimes);
  console.log(`\n(a) Redis lock scenario, median of ${RUNS} runs against ${target.url}`);
  console.log(`  runProbes, ${ids.length} probes in parallel (${ids.join(", ")}): ${ms(a)}  [last: ${verdicts}]`);
  console.log(`  manual: redis-cli ping; redis-cli info memory; redis-cli keys "MY_LOCK:*" | wc -l (sequential processes): ${ms(b)}`);
  console.log(`  ratio manual / probes: ${(b / a).toFixed(1)}x  (the probes also read TYPE+PTTL of every lock and INFO clients)`);
}

async function partC(target: RedisTarget) {
  const dist = process.env.NEXT_DIST_DIR;
  if (!dist) ensureBuild();
  else if (!existsSync(`${dist}/BUILD_ID`)) {
    console.log(`\n(c) skipped: no build in ${dist} (run next build with NEXT_DIST_DIR=${dist})`);
    return;
  }
  const server = await startServer("file:./.data/bench-diagnostics.db", Number(process.env.BENCH_DIAG_PORT ?? 3610), {
    REDIS_URL: target.url,
  });
  const headers = { authorization: `Bearer ${server.token}`, "content-type": "application/json", accept: "application/json" };
  try {
    const declared = await fetch(`${server.baseUrl}/api/v1/incidents`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: "bench: lock timeouts", severity: "P1", scenario: "redis-lock-timeout" }),
    });
    const { id } = (await declared.json()) as { id: number };
    const runAll = async () => {
      const res = await fetch(`${server.baseUrl}/api/v1/incidents/${id}/diagnostics`, { method: "POST", headers, body: "{}" });
      if (res.status !== 201) throw new Error(`POST diagnostics answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { durationMs: number; runs: { probeId: string; verdict: string }[] };
    };
    const manual = manualWay(target.url);
    await runAll(); // warm-up: route compilation caches, first connections
    await manual();
    const apiTimes: number[] = [];
    const serverTimes: number[] = [];
    const cliTimes: number[] = [];
    let verdicts = "";
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      const body = await runAll();
      apiTimes.push(performance.now() - t0);
      serverTimes.push(body.durationMs);
      verdicts = body.runs.map((r) => `${r.probeId}=${r.verdict}`).join(" ");
      t0 = performance.now();
      await manual();
      cliTimes.push(performance.now() - t0);
    }
    const a = median(apiTimes);
    const b = median(cliTimes);
    console.log(`\n(c) "Run all" through the app's API (production build, SQLite), median of ${RUNS} runs`);
    console.log(
      `  POST /api/v1/incidents/{id}/diagnostics, Accept: application/json: ${ms(a)}  (probes + recording inside the server: ${ms(median(serverTimes))})  [last: ${verdicts}]`,
    );
    console.log(`  manual: the same three redis-cli commands one after another: ${ms(b)}`);
    console.log(
      `  ratio manual / API: ${(b / a).toFixed(1)}x  (the API call also writes ${verdicts.split(" ").length} DiagnosticRun rows, as many timeline events and an audit row)`,
    );
  } finally {
    await server.stop();
  }
}

async function partB() {
  const { default: Redis } = await import("ioredis");
  const { redisLocks } = await import("../lib/diagnostics/redis");
  const { targetsFromEnv } = await import("../lib/diagnostics/targets");
  const url = withDb(REDIS_URL, 10);
  const prefix = `bench:diag:${process.pid}:`;
  const lockPrefix = `MY_LOCK:bench:${process.pid}:`;
  const admin = new Redis(url, { lazyConnect: true });
  const pinger = new Redis(url, { lazyConnect: true });
  await Promise.all([admin.connect(), pinger.connect()]);
  const before = await admin.dbsize();
  console.log(`\n(b) ${KEYS_TOTAL.toLocaleString("en")} keys in db 10 (${before} keys there before): PING latency seen by another client`);
  try {
    let t0 = performance.now();
    const BATCH = 1_000;
    for (let start = 0; start < KEYS_TOTAL; start += BATCH * 50) {
      const pipeline = admin.pipeline();
      for (let b = start; b < Math.min(KEYS_TOTAL, start + BATCH * 50); b += BATCH) {
        const args: string[] = [];
        for (let i = b; i < Math.min(KEYS_TOTAL, b + BATCH); i++) args.push(`${prefix}data:${i}`, "v");
        pipeline.mset(...args);
      }
      await pipeline.exec();
    }
    // 100 Redisson-style locks under the manual's pattern MY_LOCK:* (db 10 is the benchmark's own database).
    const locks = admin.pipeline();
    for (let i = 0; i < 100; i++) locks.hset(`${lockPrefix}${i}`, `bench-client:${i}`, "1").pexpire(`${lockPrefix}${i}`, 30_000);
    await locks.exec();
    console.log(`  loaded in ${ms(performance.now() - t0)} (pipelined MSET, ${BATCH} keys per command); dbsize ${await admin.dbsize()}`);

    /**
     * Open-loop PING: one every millisecond on `pinger` while `work` runs, each timed from the moment
     * it was sent, so a ping issued while the server is blocked counts the whole wait (no coordinated
     * omission, unlike a back-to-back loop where one stalled ping hides all the ones not sent).
     */
    const during = async (work: () => Promise<unknown>) => {
      const latencies: number[] = [];
      const inflight: Array<Promise<void>> = [];
      const timer = setInterval(() => {
        const s = performance.now();
        inflight.push(pinger.ping().then(() => void latencies.push(performance.now() - s)));
      }, 1);
      const s = performance.now();
      await work();
      const took = performance.now() - s;
      clearInterval(timer);
      await Promise.all(inflight);
      return { latencies, took };
    };
    /** KEYS in a separate redis-cli process (the manual's way), its output discarded. */
    const keys = (pattern: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(REDIS_CLI, ["-u", url, "keys", pattern], { stdio: ["ignore", "ignore", "inherit"] });
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`redis-cli exited with ${code}`))));
      });
    const report = (label: string, rounds: Array<{ latencies: number[]; took: number }>) => {
      const all = rounds.flatMap((r) => r.latencies);
      console.log(
        `  ${label.padEnd(46)} takes ${ms(median(rounds.map((r) => r.took))).padStart(9)}   pings ${String(all.length).padStart(5)}  ` +
          `p50 ${ms(pct(all, 50)).padStart(8)}  p99 ${ms(pct(all, 99)).padStart(9)}  max ${ms(Math.max(...all)).padStart(9)}`,
      );
    };

    const target = { ...targetsFromEnv({ REDIS_URL: url }).redis[0], lockPatterns: ["MY_LOCK:*"] };
    /** server-side time per call of a command, from INFO commandstats deltas */
    const cmdstat = async (cmd: string) => {
      const m = new RegExp(`cmdstat_${cmd}:calls=(\\d+),usec=(\\d+)`).exec(await admin.info("commandstats"));
      return { calls: Number(m?.[1] ?? 0), usec: Number(m?.[2] ?? 0) };
    };
    const serverTime = async (cmd: string, label: string, work: () => Promise<unknown>) => {
      const a = await cmdstat(cmd);
      const out = await work();
      const b = await cmdstat(cmd);
      const calls = b.calls - a.calls;
      serverStats.push(
        `${label}: ${calls} call${calls === 1 ? "" : "s"}, ${calls ? ((b.usec - a.usec) / calls / 1000).toFixed(3) : "?"} ms of server time each`,
      );
      return out;
    };
    const serverStats: string[] = [];
    const idle = [];
    const scan = [];
    const keysPattern = [];
    const keysAll = [];
    let probeSummary = "";
    for (let i = 0; i < REPEATS; i++) {
      idle.push(await during(() => new Promise((r) => setTimeout(r, 300))));
      const last = i === REPEATS - 1;
      const measure = (cmd: string, label: string, work: () => Promise<unknown>) => (last ? serverTime(cmd, label, work) : work());
      scan.push(
        await during(() =>
          measure("scan", "SCAN (lock probe)", async () => {
            const r = await redisLocks.run(target, { timeoutMs: 30_000 });
            probeSummary = `${r.verdict}: ${r.summary.slice(0, 60)}`;
          }),
        ),
      );
      keysPattern.push(await during(() => measure("keys", 'KEYS "MY_LOCK:*"', () => keys("MY_LOCK:*"))));
      keysAll.push(await during(() => measure("keys", "KEYS *", () => keys("*"))));
    }
    console.log(`  PING every 1 ms from another client; ${REPEATS} runs of each pooled; "takes" = median duration of the operation`);
    report("idle (300 ms, no other work)", idle);
    report("while the SCAN lock probe runs (redis.locks)", scan);
    report('while redis-cli KEYS "MY_LOCK:*" runs', keysPattern);
    report("while redis-cli KEYS * runs", keysAll);
    console.log(`  lock probe said: ${probeSummary}`);
    console.log(`  INFO commandstats (last run): ${serverStats.join("; ")}`);
    t0 = performance.now();
    let deleted = 0;
    let cursor = "0";
    do {
      const [next, keys] = await admin.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 10_000);
      cursor = next;
      if (keys.length) deleted += await admin.unlink(...keys);
    } while (cursor !== "0");
    deleted += await admin.del(...Array.from({ length: 100 }, (_, i) => `${lockPrefix}${i}`));
    console.log(`  cleaned up ${deleted.toLocaleString("en")} keys in ${ms(performance.now() - t0)}; dbsize now ${await admin.dbsize()}`);
  } finally {
    admin.disconnect();
    pinger.disconnect();
  }
}

export async function main(): Promise<void> {
  allowServerOnly();
  const { targetsFromEnv } = await import("../lib/diagnostics/targets");
  console.log("\n## Diagnostics (Redis)");
  const target = targetsFromEnv({ REDIS_URL }).redis[0];
  await partA(target);
  if (process.env.BENCH_DIAG_API !== "0") await partC(target);
  await partB();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
