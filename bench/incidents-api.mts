// Declare + read of incidents through the API under concurrent load, on SQLite and PostgreSQL.
// Prints figures; never passes or fails.
import { pathToFileURL } from "node:url";
import { ensureBuild, pgUrl, startServer } from "./support/server.mts";
import { formatLoad, runLoad } from "./support/load.mts";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8_000);

export async function main() {
  ensureBuild();
  console.log(`\n## Incidents API (${CONNECTIONS} connections, ${DURATION_MS / 1000} s per run, 2 cores shared by server and load)`);
  for (const [label, url] of [
    ["SQLite", "file:./.data/bench.db"],
    ["PostgreSQL", pgUrl("ic_bench")],
  ] as const) {
    const server = await startServer(url, 3200);
    const headers = { authorization: `Bearer ${server.token}`, "content-type": "application/json" };
    try {
      // Warm-up: first requests compile routes and open pools.
      await runLoad({
        connections: 2,
        durationMs: 1_000,
        request: () => fetch(`${server.baseUrl}/api/v1/incidents?status=open`, { headers }),
      });
      const declare = await runLoad({
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        request: (i) =>
          fetch(`${server.baseUrl}/api/v1/incidents`, {
            method: "POST",
            headers,
            body: JSON.stringify({ title: `bench ${i}`, severity: "P2" }),
          }),
      });
      console.log(formatLoad(`${label}: POST /incidents (declare)`, declare));
      // Read incidents that exist (ids are not 1..n on a database that has seen earlier runs).
      const list = (await (await fetch(`${server.baseUrl}/api/v1/incidents?status=all`, { headers })).json()) as {
        items: { id: number }[];
      };
      const ids = list.items.slice(0, 200).map((incident) => incident.id);
      const read = await runLoad({
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        request: (i) => fetch(`${server.baseUrl}/api/v1/incidents/${ids[i % ids.length]}`, { headers }),
      });
      console.log(formatLoad(`${label}: GET /incidents/{id} (read)`, read));
    } finally {
      await server.stop();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
