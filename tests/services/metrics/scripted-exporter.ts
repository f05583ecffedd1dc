// A tiny Prometheus exporter for tests: metric values follow a script of time since `start()`.
// Exposes the metric names the default PromQL reads (Micrometer http_server_requests_seconds,
// node_exporter cpu/memory/filesystem, payment_failure_rate, coupon_issue_lag_seconds).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptValues {
  okRps: number;
  errorRps: number;
  /** share of requests slower than 1 s (goes to the 2.5 s bucket) */
  slowShare: number;
  cpuBusy: number; // 0..1
  memoryUsed: number; // 0..1
  diskFree: number; // 0..1
  paymentFailureRate: number;
  couponLagSeconds: number;
}

export type Script = (secondsSinceStart: number | null) => ScriptValues;

const LE = ["0.1", "0.25", "0.5", "1.0", "2.5", "+Inf"];
const MEM_TOTAL = 16e9;
const DISK_SIZE = 100e9;

export interface ScriptedExporter {
  port: number;
  /** t0 of the script (ms), null before start() */
  startedAt(): number | null;
  start(): number;
  close(): Promise<void>;
}

export async function startScriptedExporter(script: Script): Promise<ScriptedExporter> {
  let t0: number | null = null;
  let last = Date.now();
  const counters = { ok: 0, err: 0, buckets: LE.map(() => 0), sum: 0, idle: 0, busy: 0 };

  // Integrate the counters every 100 ms at the current rates: monotonic, like a real app.
  const timer = setInterval(() => {
    const now = Date.now();
    const dt = (now - last) / 1000;
    last = now;
    const v = script(t0 === null ? null : (now - t0) / 1000);
    const n = (v.okRps + v.errorRps) * dt;
    counters.ok += v.okRps * dt;
    counters.err += v.errorRps * dt;
    const fast = n * (1 - v.slowShare);
    // fast requests take 0.2 s (bucket 0.25 and up), slow ones 2 s (bucket 2.5 and up)
    counters.buckets = counters.buckets.map((b, i) => b + (i >= 1 ? fast : 0) + (i >= 4 ? n - fast : 0));
    counters.sum += fast * 0.2 + (n - fast) * 2;
    counters.idle += (1 - v.cpuBusy) * dt;
    counters.busy += v.cpuBusy * dt;
  }, 100);

  const server: Server = createServer((req, res) => {
    const v = script(t0 === null ? null : (Date.now() - t0) / 1000);
    const lines = [
      "# TYPE http_server_requests_seconds histogram",
      ...LE.map((le, i) => `http_server_requests_seconds_bucket{uri="/api/orders",le="${le}"} ${counters.buckets[i]}`),
      `http_server_requests_seconds_sum{uri="/api/orders"} ${counters.sum}`,
      "# TYPE http_server_requests_seconds_count counter",
      `http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/api/orders"} ${counters.ok}`,
      `http_server_requests_seconds_count{method="GET",outcome="SERVER_ERROR",status="500",uri="/api/orders"} ${counters.err}`,
      "# TYPE node_cpu_seconds_total counter",
      `node_cpu_seconds_total{cpu="0",mode="idle"} ${counters.idle}`,
      `node_cpu_seconds_total{cpu="0",mode="user"} ${counters.busy}`,
      "# TYPE node_memory_MemTotal_bytes gauge",
      `node_memory_MemTotal_bytes ${MEM_TOTAL}`,
      "# TYPE node_memory_MemAvailable_bytes gauge",
      `node_memory_MemAvailable_bytes ${MEM_TOTAL * (1 - v.memoryUsed)}`,
      "# TYPE node_filesystem_size_bytes gauge",
      `node_filesystem_size_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} ${DISK_SIZE}`,
      "# TYPE node_filesystem_avail_bytes gauge",
      `node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} ${DISK_SIZE * v.diskFree}`,
      "# TYPE payment_failure_rate gauge",
      `payment_failure_rate ${v.paymentFailureRate}`,
      "# TYPE coupon_issue_lag_seconds gauge",
      `coupon_issue_lag_seconds ${v.couponLagSeconds}`,
      "",
    ];
    res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" }).end(lines.join("\n"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    port: (server.address() as AddressInfo).port,
    startedAt: () => t0,
    start() {
      t0 = Date.now();
      return t0;
    },
    async close() {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
