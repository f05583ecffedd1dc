// Reach benchmark (`npm run bench`, or `npx tsx bench/reach.mts`): acknowledging from the page (email link, Slack
// button, SMS reply, call keypress) through the real handlers, on SQLite and PostgreSQL. Prints the time from the
// acknowledgement's request to the step's reminders being stopped (the acknowledgement committed; the scheduler's
// next tick, at most 1 s later, plans none), median and max, and checks that no reminder fires afterwards.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { PRODUCTION_ENV, pgUrl } from "./support/server.mts";

export async function main() {
  console.log("\n## Reach: acknowledgement from any channel → that step's repeats stopped (200 P0 steps, 4 channels in turn)");
  for (const [label, url] of [
    ["SQLite", "file:./.data/bench-reach.db"],
    ["PostgreSQL", pgUrl("ic_bench_reach")],
  ] as const) {
    const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/support/reach-run.mts", label], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        ...PRODUCTION_ENV,
        ALLOW_TEST_CLOCK: "1",
        SLACK_SIGNING_SECRET: "bench-slack-signing-secret",
        SMS_PROVIDER_URL: "http://127.0.0.1:9",
        SMS_ACCOUNT_SID: "ACbench",
        SMS_AUTH_TOKEN: "bench-twilio-auth-token",
        SMS_FROM: "+15550001111",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (run.status !== 0) console.error(`reach bench on ${label} failed (exit ${run.status})`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
