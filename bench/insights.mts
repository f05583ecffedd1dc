// Insights benchmark (`npm run bench`, or `npx tsx bench/insights.mts`): the insights page's query (load +
// compute, lib/server/insights) over 10,000 incidents and 200,000 timeline events, on SQLite and PostgreSQL.
// Prints p50 and p99 of the whole report for a 90-day range (every incident) and the default 28 days.
// The runs themselves are bench/support/insights-run.mts.
import { pathToFileURL } from "node:url";
import { runPerDatabase } from "./support/run-per-database.mts";

export async function main() {
  console.log("\n## Insights: the page's query over 10,000 incidents and 200,000 timeline events");
  runPerDatabase({
    name: "insights",
    title: "insights",
    script: "insights-run.mts",
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
