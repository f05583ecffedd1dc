// Alertmanager ingestion benchmark (`npm run bench`, or `npx tsx bench/alertmanager.mts`): one group of
// 5,000 alerts (the size of the issue's 768 KB payload) posted to a production build on SQLite and on
// PostgreSQL, while HEALTH_CONNECTIONS clients poll /api/health back to back. Three posts per database:
// the group firing (auto-open: one incident), the same payload again (Alertmanager's repeat_interval:
// every alert a repeat) and the group resolved. Prints the ingest time of each and /api/health's
// latency while they run. Targets (issue 9): ingest ≤ 3 s, health p99 ≤ 250 ms. Prints; never fails.
// Server: the production build in NEXT_DIST_DIR (default .next) when there is one; otherwise (or with
// BENCH_ALERTS_SERVER=handlers) the same route handlers in a plain Node HTTP server
// (support/alertmanager-server.mts) — `next build` is not started by this bench.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { launch, pgUrl, prepareDatabase, startServer, type BenchServer } from "./support/server.mts";
import { percentile } from "./support/load.mts";

const ALERTS = Number(process.env.BENCH_ALERTS ?? 5_000);
const HEALTH_CONNECTIONS = Number(process.env.BENCH_HEALTH_CONNECTIONS ?? 2);
const PORT = Number(process.env.BENCH_ALERTS_PORT ?? 3300);
const TOKEN = "bench-alertmanager-token-0123456789abcdef";

function payload(status: "firing" | "resolved", startsAt: number): string {
  const alerts = Array.from({ length: ALERTS }, (_, i) => {
    const instance = `10.1.${i >> 8}.${i & 255}:9100`;
    return {
      status,
      labels: { alertname: "NodeExporterDown", instance, job: "node", severity: "critical" },
      annotations: { summary: `${instance} down` },
      startsAt: new Date(startsAt).toISOString(),
      endsAt: status === "resolved" ? new Date(startsAt + 600_000).toISOString() : "0001-01-01T00:00:00Z",
      fingerprint: `bench${i.toString(16).padStart(11, "0")}`,
    };
  });
  return JSON.stringify({
    version: "4",
    receiver: "incident-command",
    status,
    groupKey: '{}:{alertname="NodeExporterDown"}',
    groupLabels: { alertname: "NodeExporterDown" },
    commonLabels: { alertname: "NodeExporterDown", job: "node", severity: "critical" },
    commonAnnotations: {},
    externalURL: "http://alertmanager:9093",
    truncatedAlerts: 0,
    alerts,
  });
}

interface Run {
  ms: number;
  status: number;
  counts: unknown;
  health: number[];
  healthErrors: number;
}

/** POST the payload while health is polled; the health latencies are those of requests sent during the POST. */
async function ingest(server: BenchServer, body: string): Promise<Run> {
  let done = false;
  const health: number[] = [];
  let healthErrors = 0;
  const poller = async () => {
    while (!done) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${server.baseUrl}/api/health`);
        await res.arrayBuffer();
        if (!res.ok) healthErrors++;
      } catch {
        healthErrors++;
      }
      health.push(performance.now() - t0);
    }
  };
  const pollers = Array.from({ length: HEALTH_CONNECTIONS }, poller);
  const t0 = performance.now();
  const res = await fetch(`${server.baseUrl}/api/integrations/alertmanager`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "user-agent": "Alertmanager/0.25.0" },
    body,
  });
  const json = (await res.json()) as { counts?: unknown; error?: unknown };
  const ms = performance.now() - t0;
  done = true;
  await Promise.all(pollers);
  return { ms, status: res.status, counts: json.counts ?? json.error, health, healthErrors };
}

function report(label: string, r: Run): string {
  const sorted = [...r.health].sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(0)} ms`;
  return (
    `${label.padEnd(34)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  HTTP ${r.status}  ` +
    `/api/health meanwhile: ${sorted.length} req, p50 ${f(percentile(sorted, 50))}, p99 ${f(percentile(sorted, 99))}, max ${f(sorted.at(-1) ?? NaN)}, errors ${r.healthErrors}  ` +
    `${JSON.stringify(r.counts)}`
  );
}

/** The route handlers in a plain Node server on a fresh database (see the header). */
async function startHandlerServer(databaseUrl: string, port: number, extraEnv: Record<string, string>): Promise<BenchServer> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" as const, ...extraEnv };
  prepareDatabase(databaseUrl, env);
  const args = ["--conditions=react-server", "--import", "tsx", "bench/support/alertmanager-server.mts", String(port)];
  return { ...(await launch(process.execPath, args, env, port, 240)), token: "", databaseUrl };
}

export async function main(): Promise<void> {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const built = existsSync(`${distDir}/BUILD_ID`) && process.env.BENCH_ALERTS_SERVER !== "handlers";
  const startsAt = Date.now() - 5 * 60_000;
  const firing = payload("firing", startsAt);
  const resolved = payload("resolved", startsAt);
  console.log(
    `\n## Alertmanager webhook: one group of ${ALERTS.toLocaleString("en")} alerts (${(Buffer.byteLength(firing) / 1024).toFixed(0)} KB), ` +
      `${built ? `production build (${distDir})` : "route handlers in a plain Node server (no build found)"}, ${HEALTH_CONNECTIONS} clients polling /api/health meanwhile ` +
      `(targets: ingest ≤ 3 s, health p99 ≤ 250 ms)`,
  );
  for (const [label, url] of [
    ["SQLite", "file:./.data/bench-alertmanager.db"],
    ["PostgreSQL", pgUrl("ic_bench_alertmanager")],
  ] as const) {
    const env = { ALERTMANAGER_TOKEN: TOKEN, ALERTS_AUTO_OPEN: "1", NEXT_DIST_DIR: distDir };
    const server = built ? await startServer(url, PORT, env) : await startHandlerServer(url, PORT, env);
    try {
      // warm-up: one alert (severity info: no incident) through every path, so the measured posts do not
      // pay for opening pools and compiling queries
      const warm = (status: "firing" | "resolved") => ({
        status,
        labels: { alertname: "BenchWarmUp", severity: "info" },
        annotations: {},
        startsAt: new Date(startsAt).toISOString(),
        endsAt: status === "resolved" ? new Date(startsAt + 1_000).toISOString() : "0001-01-01T00:00:00Z",
        fingerprint: "warmup0000000000",
      });
      for (const status of ["firing", "firing", "resolved"] as const) {
        await ingest(server, JSON.stringify({ version: "4", receiver: "r", status, groupKey: "{}", alerts: [warm(status)] }));
      }
      console.log(report(`${label}: firing (new, opens 1 incident)`, await ingest(server, firing)));
      console.log(report(`${label}: same payload again (repeats)`, await ingest(server, firing)));
      console.log(report(`${label}: resolved`, await ingest(server, resolved)));
    } finally {
      await server.stop();
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
