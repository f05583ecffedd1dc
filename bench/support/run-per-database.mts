// Runs a bench script (bench/support/<script>) once per database, each in a process of its own: the production
// environment and the react-server conditions the app's server modules need; the script gets the label as argv[2] (and `args` after it).
import { spawnSync } from "node:child_process";
import { benchDatabases, PRODUCTION_ENV } from "./server.mts";

export function runPerDatabase(bench: {
  name: string;
  title: string;
  script: string;
  env?: Record<string, string>;
  /** arguments after the label, per database (e.g. how many instances) */
  args?: (label: string) => string[];
}): void {
  for (const [label, url] of benchDatabases(bench.name)) {
    const args = [label, ...(bench.args?.(label) ?? [])];
    const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", `bench/support/${bench.script}`, ...args], {
      env: { ...process.env, DATABASE_URL: url, ...PRODUCTION_ENV, ...bench.env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (run.status !== 0) console.error(`${bench.title} bench on ${label} failed (exit ${run.status})`);
  }
}
