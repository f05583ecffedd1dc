// Escalation benchmark (`npm run bench`, or `npx tsx bench/escalations.mts`): 1,000 open incidents whose
// steps come due over 40 s; the scheduler and the outbox deliverer run as in production (one tick a
// second) with the in-app outbox adapter. Prints the lag from each step's due time to its delivery
// (median, p99, max) and the duplicates and misses (both must be 0). SQLite with one instance,
// PostgreSQL with two instances sharing the work. The runs themselves are bench/support/escalations-run.mts.
import { pathToFileURL } from "node:url";
import { runEscalationLag } from "./support/escalation-lag.mts";

export async function main() {
  console.log("\n## Escalations: 1,000 open incidents, one step each coming due over 40 s, ticks every 1 s, in-app outbox adapter");
  runEscalationLag("escalations");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
