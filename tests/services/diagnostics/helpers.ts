// Helpers for the diagnostics service tests: servers that misbehave on purpose, free ports, URLs.
import net from "node:net";
import { closedPort, listenOnFreePort } from "../../support/listen";
import type { AnyProbe, ProbeResult, Target } from "@/lib/diagnostics/types";

export interface SilentServer {
  port: number;
  connections: () => Promise<number>;
  /** open connections on which the client sent a request */
  usedConnections: () => number;
  close: () => Promise<void>;
}

/** A TCP server that accepts connections and never answers (a hung Redis/MySQL/HTTP peer). */
export async function silentServer(): Promise<SilentServer> {
  const sockets = new Set<net.Socket>();
  const used = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      used.delete(socket);
    });
    socket.on("error", () => undefined);
    // Read and drop whatever the client sends (so its FIN is seen and the socket closes), never answer.
    socket.on("data", () => used.add(socket));
  });
  return {
    port: await listenOnFreePort(server),
    connections: () => new Promise((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n)))),
    usedConnections: () => used.size,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { closedPort };

/**
 * Runs `probe` with a 300 ms timeout against a silent server (the target built from its port), then hands `check` the
 * result, how long the run took and the server; the server is closed afterwards whatever happens.
 */
export async function runAgainstSilentServer(
  probe: AnyProbe,
  targetAt: (port: number) => Target,
  check: (outcome: { result: ProbeResult; tookMs: number; silent: SilentServer }) => Promise<void>,
): Promise<void> {
  const silent = await silentServer();
  try {
    const target = targetAt(silent.port);
    const t0 = performance.now();
    const result = await probe.run(target, { timeoutMs: 300 });
    await check({ result, tookMs: performance.now() - t0, silent });
  } finally {
    await silent.close();
  }
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` is true (polling every `every` ms), or fails after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 2_000, every = 25): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await delay(every);
  }
  throw new Error(`condition not met within ${ms} ms`);
}

export const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";
export const MYSQL_URL = process.env.MYSQL_URL || "mysql://root@127.0.0.1:3306/test";

/** The same Redis with another database index (tests keep their keys out of db 0). */
export function redisDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** A suffix unique to this test run, safe in key and table names. */
export const RUN_ID = `${process.pid}_${Date.now().toString(36)}`;

/**
 * A real Prometheus for the prometheus.query probe: PROMETHEUS_URL when set, else a throw-away one
 * started from Debian's /usr/bin/prometheus on a free port (stopped by stop()). null when neither exists.
 */
export async function realPrometheus(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  const { existsSync, mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { spawn } = await import("node:child_process");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  if (process.env.PROMETHEUS_URL) return { url: process.env.PROMETHEUS_URL, stop: async () => undefined };
  const bin = "/usr/bin/prometheus";
  if (!existsSync(bin)) return null;
  const dir = mkdtempSync(join(tmpdir(), "ic-diag-prom-"));
  writeFileSync(join(dir, "prometheus.yml"), "global:\n  scrape_interval: 5s\nscrape_configs: []\n");
  const port = await closedPort();
  const child = spawn(
    bin,
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    {
      stdio: "ignore",
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, delay(5_000)]);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(500) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, stop };
    if (child.exitCode !== null) break;
    await delay(200);
  }
  await stop();
  throw new Error(`Prometheus did not become ready at ${url}`);
}
