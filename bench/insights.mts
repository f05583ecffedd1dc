// Insights benchmark (`npm run bench`, or `npx tsx bench/insights.mts`): the insights page's query (load +
// compute, lib/server/insights) over 10,000 incidents and 200,000 timeline events, on SQLite and PostgreSQL.
// Prints p50 and p99 of the whole report for a 90-day range (every incident) and the default 28 days.
// The runs themselves are bench/support/insights-run.mts.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { PRODUCTION_ENV, pgUrl } from "./support/server.mts";

export async function main() {
  console.log("\n## Insights: the page's query over 10,000 incidents and 200,000 timeline events");
  for (const [label, url] of [
    ["SQLite", "file:./.data/bench-insights.db"],
    ["PostgreSQL", pgUrl("ic_bench_insights")],
  ] as const) {
    const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/support/insights-run.mts", label], {
      env: { ...process.env, DATABASE_URL: url, ...PRODUCTION_ENV },
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (run.status !== 0) console.error(`insights bench on ${label} failed (exit ${run.status})`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
