// Reach benchmark (`npm run bench`, or `npx tsx bench/reach.mts`): acknowledging from the page (email link, Slack
// button, SMS reply, call keypress) through the real handlers, on SQLite and PostgreSQL. Prints the time from the
// acknowledgement's request to the step's reminders being stopped (the acknowledgement committed; the scheduler's
// next tick, at most 1 s later, plans none), median and max, and checks that no reminder fires afterwards.
import { pathToFileURL } from "node:url";
import { runPerDatabase } from "./support/run-per-database.mts";

export async function main() {
  console.log("\n## Reach: acknowledgement from any channel → that step's repeats stopped (200 P0 steps, 4 channels in turn)");
  runPerDatabase({
    name: "reach",
    title: "reach",
    script: "reach-run.mts",
    env: {
      ALLOW_TEST_CLOCK: "1",
      SLACK_SIGNING_SECRET: "bench-slack-signing-secret",
      SMS_PROVIDER_URL: "http://127.0.0.1:9",
      SMS_ACCOUNT_SID: "ACbench",
      SMS_AUTH_TOKEN: "bench-twilio-auth-token",
      SMS_FROM: "+15550001111",
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
