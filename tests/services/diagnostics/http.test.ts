// HTTP probes against local servers on 127.0.0.1 that play Spring Boot Actuator, Prometheus and the
// Kubernetes API (through the real @kubernetes/client-node 1.4.0), plus a real Prometheus when one answers.
import http from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actuatorHealth, createActuatorHikariProbe, TimeoutMemory } from "@/lib/diagnostics/actuator";
import { kafkaConsumerLag } from "@/lib/diagnostics/kafka";
import { kubernetesDeployment } from "@/lib/diagnostics/kubernetes";
import { prometheusQuery } from "@/lib/diagnostics/prometheus";
import { targetsFromEnv } from "@/lib/diagnostics/targets";
import { closedPort, eventually, realPrometheus, runAgainstSilentServer } from "./helpers";
import { listenOnFreePort } from "../../support/listen";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Handler = (req: Seen) => { status: number; body: unknown; type?: string } | "hang";

async function serve(handler: Handler) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const r: Seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      seen.push(r);
      const answer = handler(r);
      if (answer === "hang") return;
      const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { "content-type": answer.type ?? "application/json" });
      res.end(text);
    });
  });
  const port = await listenOnFreePort(server);
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    connections: () => new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n))),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const metric = (name: string, value: number, statistic = "VALUE") => ({
  name,
  description: null,
  baseUnit: null,
  measurements: [{ statistic, value }],
  availableTags: [{ tag: "pool", values: ["HikariPool-1"] }],
});

describe("actuator probes", () => {
  const state = { health: "UP", active: 3, idle: 7, pending: 0, max: 10, timeout: 0 };
  let app: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    app = await serve((req) => {
      const path = req.url.split("?")[0];
      if (path === "/actuator/health") {
        const down = state.health === "DOWN";
        return {
          status: down ? 503 : 200,
          body: {
            status: state.health,
            components: {
              db: { status: state.health, details: { database: "MySQL", validationQuery: "isValid()" } },
              diskSpace: { status: "UP", details: { total: 1e11, free: 5e10, threshold: 10485760, path: "/app/.", exists: true } },
              ping: { status: "UP" },
              redis: { status: "UP", details: { version: "7.0.15" } },
            },
          },
        };
      }
      const m = /^\/actuator\/metrics\/hikaricp\.connections\.(active|idle|pending|max|timeout)$/.exec(path);
      if (m) {
        const key = m[1] as "active" | "idle" | "pending" | "max" | "timeout";
        return { status: 200, body: metric(`hikaricp.connections.${key}`, state[key], key === "timeout" ? "COUNT" : "VALUE") };
      }
      return { status: 404, body: { timestamp: "2026-11-25T03:00:00.000+00:00", status: 404, error: "Not Found", path } };
    });
  });
  afterAll(() => app.close());

  it("health UP is ok, DOWN (HTTP 503 with JSON) is critical and names the component", async () => {
    const target = targetsFromEnv({ ACTUATOR_URL: app.url }).actuator[0];
    state.health = "UP";
    const up = await actuatorHealth.run(target);
    expect(up).toMatchObject({ verdict: "ok", summary: "status UP; 4 components UP" });
    state.health = "DOWN";
    const down = await actuatorHealth.run(target);
    expect(down).toMatchObject({ verdict: "critical", summary: "status DOWN; db DOWN" });
    expect(down.data).toMatchObject({ httpStatus: 503 });
  });

  it("HikariCP: healthy is ok, exhausted is critical, new acquire timeouts warn", async () => {
    const target = { ...targetsFromEnv({ ACTUATOR_URL: app.url }).actuator[0], hikariPool: "HikariPool-1" };
    const probe = createActuatorHikariProbe(new TimeoutMemory());
    Object.assign(state, { active: 3, idle: 7, pending: 0, max: 10, timeout: 4 });
    const healthy = await probe.run(target);
    expect(healthy).toMatchObject({ verdict: "ok", summary: "active 3/10, idle 7, 0 threads waiting, 4 acquire timeouts since start" });
    expect(app.seen.at(-1)?.url).toMatch(/\?tag=pool%3AHikariPool-1$/);

    Object.assign(state, { active: 3, idle: 7, pending: 0, max: 10, timeout: 6 });
    const timeouts = await probe.run(target);
    expect(timeouts.verdict).toBe("warning");
    expect(timeouts.summary).toContain("6 acquire timeouts since start (+2 since the last check)");

    Object.assign(state, { active: 10, idle: 0, pending: 7, max: 10, timeout: 6 });
    const exhausted = await probe.run(target);
    expect(exhausted).toMatchObject({
      verdict: "critical",
      summary: "pool exhausted, active 10/10, idle 0, 7 threads waiting, 6 acquire timeouts since start (none new)",
    });
    expect(exhausted.data).toMatchObject({ active: 10, pending: 7, max: 10 });
  });

  it("says when the app has no HikariCP metrics", async () => {
    const other = await serve(() => ({ status: 404, body: { status: 404, error: "Not Found" } }));
    try {
      const r = await createActuatorHikariProbe().run(targetsFromEnv({ ACTUATOR_URL: other.url }).actuator[0]);
      expect(r.verdict).toBe("error");
      expect(r.summary).toMatch(/hikaricp\.connections\.\w+: HTTP 404: .*metric not found: is HikariCP with Micrometer enabled\?/);
    } finally {
      await other.close();
    }
  });

  it("times out on a server that accepts and never answers, and closes the socket", async () => {
    await runAgainstSilentServer(
      actuatorHealth,
      (port) => targetsFromEnv({ ACTUATOR_URL: `http://127.0.0.1:${port}` }).actuator[0],
      async ({ result: r, tookMs, silent }) => {
        expect(r).toMatchObject({ verdict: "error", summary: `Actuator at 127.0.0.1:${silent.port} timed out after 300 ms` });
        expect(tookMs).toBeLessThan(1_000);
        // The aborted request's socket is destroyed. (Node's fetch then opens one idle, unref'd spare
        // connection to the origin, reused by the next request: not counted here, it carries no request.)
        await eventually(async () => silent.usedConnections() === 0);
      },
    );
  });

  it("says the port refused the connection", async () => {
    const port = await closedPort();
    const r = await actuatorHealth.run(targetsFromEnv({ ACTUATOR_URL: `http://127.0.0.1:${port}` }).actuator[0]);
    expect(r).toMatchObject({ verdict: "error", summary: `Actuator at 127.0.0.1:${port} refused the connection` });
  });
});

describe("prometheus.query", () => {
  it("POSTs the query form-encoded and judges the answer; maps error JSON and a non-JSON 405", async () => {
    const p95 = {
      status: "success",
      data: { resultType: "vector", result: [{ metric: {}, value: [1795557455.92, "2.3888888888888884"] }] },
    };
    const prom = await serve((req) => {
      const form = new URLSearchParams(req.body);
      if (form.get("query") === "up{")
        return {
          status: 400,
          body: { status: "error", errorType: "bad_data", error: 'invalid parameter "query": 1:4: parse error: unexpected end of input' },
        };
      if (form.get("query") === "method") return { status: 405, body: "Method Not Allowed\n", type: "text/plain; charset=utf-8" };
      return { status: 200, body: p95 };
    });
    try {
      const target = targetsFromEnv({ PROMETHEUS_URL: prom.url }).prometheus[0];
      const r = await prometheusQuery.run(target);
      expect(r).toMatchObject({ verdict: "warning", summary: "1 series; 1 > 1: 2.389" });
      const req = prom.seen[0];
      expect([req.method, req.url, req.headers["content-type"]]).toEqual(["POST", "/api/v1/query", "application/x-www-form-urlencoded"]);
      expect(new URLSearchParams(req.body).get("query")).toBe(target.query);

      const bad = await prometheusQuery.run(target, { params: { query: "up{" } });
      expect(bad).toMatchObject({
        verdict: "error",
        summary: `Prometheus at ${prom.url.slice(7)} rejected the query (bad_data: invalid parameter "query": 1:4: parse error: unexpected end of input)`,
      });
      const text = await prometheusQuery.run(target, { params: { query: "method" } });
      expect(text.summary).toBe(`Prometheus at ${prom.url.slice(7)} rejected the query (HTTP 405: Method Not Allowed)`);
    } finally {
      await prom.close();
    }
  });

  let real: Awaited<ReturnType<typeof realPrometheus>> = null;
  beforeAll(async () => {
    real = await realPrometheus();
  }, 30_000);
  afterAll(async () => {
    await real?.stop();
  });
  it("queries a real Prometheus (PROMETHEUS_URL, or one started from /usr/bin/prometheus)", async (ctx) => {
    if (!real) ctx.skip();
    const target = targetsFromEnv({ PROMETHEUS_URL: real?.url }).prometheus[0];
    const r = await prometheusQuery.run(target, { params: { query: "vector(2)", comparator: ">", warning: 1, critical: 3 } });
    expect(r).toMatchObject({ verdict: "warning", summary: "1 series; 1 > 1: 2" });
    const nan = await prometheusQuery.run(target, { params: { query: "vector(0) / 0", comparator: ">", warning: 1 } });
    expect(nan.verdict).toBe("ok"); // NaN never crosses a threshold
    expect(nan.data).toMatchObject({ samples: [{ value: "NaN" }] });
    const inf = await prometheusQuery.run(target, { params: { query: "vector(1) / 0", comparator: ">", critical: 1e9 } });
    expect(inf).toMatchObject({ verdict: "critical", data: { samples: [{ value: "+Inf" }] } });
    const bad = await prometheusQuery.run(target, { params: { query: "sum(rate(foo[1m])" } });
    expect(bad.summary).toContain('rejected the query (bad_data: invalid parameter "query": 1:18: parse error: unclosed left parenthesis)');
  });
});

describe("kubernetes.deployment through @kubernetes/client-node against a local API server", () => {
  const dir = mkdtempSync(join(tmpdir(), "ic-kube-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function kubeconfig(url: string): string {
    const path = join(dir, `config-${url.split(":").at(-1)}`);
    // Plain HTTP needs skipTLSVerify in client-node 1.4.0 ("HTTP protocol is not allowed ...").
    writeFileSync(
      path,
      [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        `- name: local\n  cluster:\n    server: ${url}\n    insecure-skip-tls-verify: true`,
        "users:",
        "- name: diag\n  user:\n    token: test-token",
        "contexts:",
        "- name: local\n  context:\n    cluster: local\n    user: diag\n    namespace: prod",
        "current-context: local",
      ].join("\n"),
    );
    return path;
  }

  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "hhplus-app", namespace: "prod", generation: 4 },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "hhplus-app" } },
      template: { metadata: { labels: { app: "hhplus-app" } }, spec: { containers: [{ name: "app", image: "hhplus/app:1.4" }] } },
    },
    status: { observedGeneration: 4, replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1 },
  };
  const pods = {
    apiVersion: "v1",
    kind: "PodList",
    metadata: { resourceVersion: "991" },
    items: [
      {
        metadata: { name: "hhplus-app-1" },
        status: { phase: "Running", containerStatuses: [{ name: "app", image: "i", imageID: "x", ready: true, restartCount: 0 }] },
      },
      {
        metadata: { name: "hhplus-app-2" },
        status: {
          phase: "Running",
          containerStatuses: [
            {
              name: "app",
              image: "i",
              imageID: "x",
              ready: false,
              restartCount: 4,
              state: { waiting: { reason: "CrashLoopBackOff" } },
              lastState: { terminated: { exitCode: 137, reason: "OOMKilled", finishedAt: "2026-11-25T02:09:58Z" } },
            },
          ],
        },
      },
    ],
  };

  it("reads the deployment and its pods (by selector) with the kubeconfig's token", async () => {
    const api = await serve((req) => {
      if (req.url === "/apis/apps/v1/namespaces/prod/deployments/hhplus-app") return { status: 200, body: deployment };
      if (req.url === "/api/v1/namespaces/prod/pods?labelSelector=app%3Dhhplus-app") return { status: 200, body: pods };
      return {
        status: 404,
        body: {
          kind: "Status",
          apiVersion: "v1",
          status: "Failure",
          message: `deployments.apps "x" not found`,
          reason: "NotFound",
          code: 404,
        },
      };
    });
    try {
      const target = targetsFromEnv({ KUBECONFIG: kubeconfig(api.url), K8S_NAMESPACE: "prod" }).kubernetes[0];
      const r = await kubernetesDeployment.run(target);
      expect(r).toMatchObject({
        verdict: "warning",
        summary: "hhplus-app: 1/2 ready; rollout in progress (2 updated, 1 available); 4 restarts; OOMKilled×1, CrashLoopBackOff×1",
      });
      expect(api.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
        "GET /apis/apps/v1/namespaces/prod/deployments/hhplus-app",
        "GET /api/v1/namespaces/prod/pods?labelSelector=app%3Dhhplus-app",
      ]);
      expect(api.seen[0].headers.authorization).toBe("Bearer test-token");

      const missing = await kubernetesDeployment.run(target, { params: { deployment: "x" } });
      expect(missing).toMatchObject({
        verdict: "error",
        summary: 'Kubernetes API (current context, namespace prod) answered HTTP 404 (NotFound: deployments.apps "x" not found)',
      });
    } finally {
      await api.close();
    }
  });

  it("aborts a request the API server never answers", async () => {
    const api = await serve(() => "hang");
    try {
      const target = targetsFromEnv({ KUBECONFIG: kubeconfig(api.url) }).kubernetes[0];
      await import("@kubernetes/client-node"); // loading the library takes a while the first time
      const t0 = performance.now();
      const r = await kubernetesDeployment.run(target, { timeoutMs: 400 });
      expect(r.summary).toBe("Kubernetes API (current context, namespace default) timed out after 400 ms");
      expect(performance.now() - t0).toBeLessThan(1_500);
      await eventually(async () => (await api.connections()) === 0);
    } finally {
      await api.close();
    }
  });
});

describe("kafka.consumerLag with the real kafkajs client", () => {
  it("reports an unreachable broker as an error quickly", async () => {
    const port = await closedPort();
    const target = targetsFromEnv({ KAFKA_BROKERS: `127.0.0.1:${port}` }).kafka[0];
    const t0 = performance.now();
    const r = await kafkaConsumerLag.run(target, { timeoutMs: 3_000 });
    expect(r.verdict).toBe("error");
    expect(r.summary).toContain(`Kafka at 127.0.0.1:${port}`);
    expect(r.summary).toMatch(/ECONNREFUSED|refused/);
    expect(performance.now() - t0).toBeLessThan(3_500);
  });
});
