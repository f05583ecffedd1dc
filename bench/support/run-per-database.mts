// Runs a bench script (bench/support/<script>) once per database, each in a process of its own: the production
// environment and the react-server conditions the app's server modules need; the script gets the label as argv[2].
import { spawnSync } from "node:child_process";
import { benchDatabases, PRODUCTION_ENV } from "./server.mts";

export function runPerDatabase(bench: { name: string; title: string; script: string; env?: Record<string, string> }): void {
  for (const [label, url] of benchDatabases(bench.name)) {
    const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", `bench/support/${bench.script}`, label], {
      env: { ...process.env, DATABASE_URL: url, ...PRODUCTION_ENV, ...bench.env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (run.status !== 0) console.error(`${bench.title} bench on ${label} failed (exit ${run.status})`);
  }
}
