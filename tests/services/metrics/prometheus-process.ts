// Start a throw-away Prometheus (Debian's /usr/bin/prometheus) on a free loopback port with a temp
// config, rules file and TSDB directory; stop it and remove everything afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PROMETHEUS_BIN = "/usr/bin/prometheus";

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const address = srv.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export interface PrometheusProcess {
  url: string;
  /** last lines of Prometheus' log, for failure messages */
  log(): string;
  stop(): Promise<void>;
}

export async function startPrometheus(options: {
  exporterPort: number;
  rulesYaml: string;
  intervalSeconds: number;
}): Promise<PrometheusProcess> {
  const dir = mkdtempSync(join(tmpdir(), "prom-diff-"));
  const i = `${options.intervalSeconds}s`;
  writeFileSync(join(dir, "rules.yml"), options.rulesYaml);
  writeFileSync(
    join(dir, "prometheus.yml"),
    [
      "global:",
      `  scrape_interval: ${i}`,
      `  scrape_timeout: ${i}`,
      `  evaluation_interval: ${i}`,
      "rule_files:",
      `  - ${join(dir, "rules.yml")}`,
      "scrape_configs:",
      "  - job_name: shop",
      "    static_configs:",
      `      - targets: ['127.0.0.1:${options.exporterPort}']`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  let logText = "";
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const append = (chunk: Buffer) => {
    logText = (logText + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const proc: PrometheusProcess = {
    url,
    log: () => logText,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await proc.stop();
      throw new Error(`prometheus exited with ${child.exitCode}: ${logText}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`prometheus not ready after 20 s: ${logText}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return proc;
}
