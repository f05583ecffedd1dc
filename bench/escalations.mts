// Escalation benchmark (`npm run bench`, or `npx tsx bench/escalations.mts`): 1,000 open incidents whose
// steps come due over 40 s; the scheduler and the outbox deliverer run as in production (one tick a
// second) with the in-app outbox adapter. Prints the lag from each step's due time to its delivery
// (median, p99, max) and the duplicates and misses (both must be 0). SQLite with one instance,
// PostgreSQL with two instances sharing the work. The runs themselves are bench/support/escalations-run.mts.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { PRODUCTION_ENV, pgUrl } from "./support/server.mts";

export async function main() {
  console.log("\n## Escalations: 1,000 open incidents, one step each coming due over 40 s, ticks every 1 s, in-app outbox adapter");
  for (const [label, url, instances] of [
    ["SQLite", "file:./.data/bench-escalations.db", 1],
    ["PostgreSQL", pgUrl("ic_bench_escalations"), 2],
  ] as const) {
    const run = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "bench/support/escalations-run.mts", label, String(instances)],
      {
        env: { ...process.env, DATABASE_URL: url, ...PRODUCTION_ENV },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    if (run.status !== 0) console.error(`escalation bench on ${label} failed (exit ${run.status})`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
