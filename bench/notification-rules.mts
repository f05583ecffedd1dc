// Notification rules benchmark (`npm run bench`, or `npx tsx bench/notification-rules.mts`): an on-call team lead with
// "SMS at once, a call after 3 min" paged by 50 P0 steps, each acknowledged 2 min later, on SQLite and PostgreSQL.
// Prints the time from the acknowledgement to the step's waiting call being cancelled (committed with it), median and
// max, and checks that the deliverer places no call afterwards.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { PRODUCTION_ENV, pgUrl } from "./support/server.mts";

export async function main() {
  console.log("\n## Notification rules: acknowledgement → the step's waiting pages cancelled (50 P0 steps, SMS now + call after 3 min)");
  for (const [label, url] of [
    ["SQLite", "file:./.data/bench-rules.db"],
    ["PostgreSQL", pgUrl("ic_bench_rules")],
  ] as const) {
    const run = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "bench/support/notification-rules-run.mts", label],
      {
        env: { ...process.env, DATABASE_URL: url, ...PRODUCTION_ENV, ALLOW_TEST_CLOCK: "1" },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    if (run.status !== 0) console.error(`notification rules bench on ${label} failed (exit ${run.status})`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
