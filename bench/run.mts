// `npm run bench`: every benchmark in one run, printing figures (no pass/fail).
import { existsSync } from "node:fs";

const benches = [
  "./incidents-api.mts",
  "./diagnostics.mts",
  "./metrics.mts",
  "./escalations.mts",
  "./postmortems.mts",
  "./alertmanager.mts",
  "./oncall.mts",
  "./sign-in.mts",
  "./status.mts",
  "./scale.mts",
  "./reach.mts",
  "./notification-rules.mts",
  "./insights.mts",
];
for (const path of benches) {
  if (!existsSync(new URL(path, import.meta.url))) continue;
  const mod = (await import(path)) as { main: () => Promise<void> };
  try {
    await mod.main();
  } catch (error) {
    console.error(`bench ${path} failed:`, error);
  }
}
process.exit(0);
