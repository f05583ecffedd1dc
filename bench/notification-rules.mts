// Notification rules benchmark (`npm run bench`, or `npx tsx bench/notification-rules.mts`): an on-call team lead with
// "SMS at once, a call after 3 min" paged by 50 P0 steps, each acknowledged 2 min later, on SQLite and PostgreSQL.
// Prints the time from the acknowledgement to the step's waiting call being cancelled (committed with it), median and
// max, and checks that the deliverer places no call afterwards.
import { pathToFileURL } from "node:url";
import { runPerDatabase } from "./support/run-per-database.mts";

export async function main() {
  console.log("\n## Notification rules: acknowledgement → the step's waiting pages cancelled (50 P0 steps, SMS now + call after 3 min)");
  runPerDatabase({
    name: "rules",
    title: "notification rules",
    script: "notification-rules-run.mts",
    env: { ALLOW_TEST_CLOCK: "1" },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
