// Escalation lag (due → fired → delivered, bench/support/escalations-run.mts) on SQLite with one instance and on
// PostgreSQL with two. Shared by bench/escalations.mts (1,000 open incidents) and bench/scale.mts (1,000 and 10,000).
import { runPerDatabase } from "./run-per-database.mts";

/** `name`: the bench's own databases (benchDatabases); `incidents`: open incidents (the run's default: 1,000). */
export function runEscalationLag(name: string, incidents?: number): void {
  runPerDatabase({
    name,
    title: `escalation lag${incidents ? ` with ${incidents} open` : ""}`,
    script: "escalations-run.mts",
    args: (label) => [label === "SQLite" ? "1" : "2"],
    env: incidents === undefined ? {} : { BENCH_ESCALATION_INCIDENTS: String(incidents) },
  });
}
