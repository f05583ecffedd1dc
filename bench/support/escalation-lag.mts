// Runs bench/support/escalations-run.mts (escalation lag: due → fired → delivered) on SQLite with one instance and on
// PostgreSQL with two, each in its own process (the server modules are fenced with "server-only"). Shared by
// bench/escalations.mts (1,000 open incidents) and bench/scale.mts (1,000 and 10,000).
import { spawnSync } from "node:child_process";
import { PRODUCTION_ENV, pgUrl } from "./server.mts";

/** `database`: the name of the bench's own databases (.data/<name>.db and ic_<name>); `incidents`: open incidents. */
export function runEscalationLag(database: string, incidents?: number): void {
  for (const [label, url, instances] of [
    ["SQLite", `file:./.data/${database}.db`, 1],
    ["PostgreSQL", pgUrl(`ic_${database.replaceAll("-", "_")}`), 2],
  ] as const) {
    const run = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "bench/support/escalations-run.mts", label, String(instances)],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          ...PRODUCTION_ENV,
          ...(incidents === undefined ? {} : { BENCH_ESCALATION_INCIDENTS: String(incidents) }),
        },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    if (run.status !== 0)
      console.error(`escalation lag on ${label}${incidents ? ` with ${incidents} open` : ""} failed (exit ${run.status})`);
  }
}
