// The Prometheus client against a local fake server that answers with the bodies captured from a real
// Prometheus 2.42 (reference/captures/prom-captures).
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrometheusSource, PrometheusError, redactUrl } from "@/lib/metrics/prometheus";
import { toSamples } from "@/lib/metrics/source";

const CAPTURES = new URL("../../fixtures/captures/prom-captures/", import.meta.url);
const capture = (name: string) => readFileSync(new URL(name, CAPTURES), "utf8");
/** error_*.txt: the body on the first line, then "HTTP <status>" */
function errorCapture(name: string): { status: number; body: string } {
  const text = capture(name);
  return { status: Number(/HTTP (\d{3})/.exec(text)?.[1] ?? 500), body: text.split("\n")[0] };
}

interface Seen {
  method: string;
  path: string;
  contentType: string;
  form: URLSearchParams;
}
let next: { status: number; body: string; delayMs?: number } = { status: 200, body: "{}" };
const seen: Seen[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        path: req.url ?? "",
        contentType: String(req.headers["content-type"] ?? ""),
        form: new URLSearchParams(body),
      });
      const { status, body: out, delayMs } = next;
      setTimeout(() => res.writeHead(status, { "Content-Type": "application/json" }).end(out), delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const answer = (body: string, status = 200, delayMs?: number) => (next = { status, body, delayMs });

describe("Prometheus source", () => {
  it("POSTs a form-encoded instant query for a signal and parses the vector", async () => {
    answer(capture("query_p95.json"));
    const src = createPrometheusSource({ baseUrl });
    const series = await src.instant("p95_latency", new Date(1795557455920));
    expect(series).toEqual([{ labels: {}, points: [{ t: 1795557455920, v: 2.3888888888888884 }] }]);
    const req = seen.at(-1)!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/api/v1/query");
    expect(req.contentType).toBe("application/x-www-form-urlencoded");
    expect(req.form.get("query")).toBe(src.queries.p95_latency);
    expect(req.form.get("time")).toBe("1795557455.920");
    expect(toSamples(series)).toEqual([{ labels: {}, value: 2.3888888888888884 }]);
  });

  it("parses a range answer with series of different lengths", async () => {
    answer(capture("query_range.json"));
    const src = createPrometheusSource({ baseUrl: `${baseUrl}/` });
    const series = await src.range("throughput", 1795557335000, 1795557455000, 30_000);
    expect(series.map((s) => [s.labels.job, s.points.length])).toEqual([
      ["order-service", 5],
      ["payment-service", 5],
    ]);
    expect(series[0].points[0]).toEqual({ t: 1795557335000, v: 14.819333333333336 });
    expect(seen.at(-1)!.form.get("step")).toBe("30.000");
  });

  it("clamps the step so that (end - start) / step ≤ 11,000", async () => {
    answer('{"status":"success","data":{"resultType":"matrix","result":[]}}');
    const src = createPrometheusSource({ baseUrl });
    expect(await src.range("cpu", 0, 24 * 3_600_000, 1000)).toEqual([]);
    const step = Number(seen.at(-1)!.form.get("step"));
    expect(step).toBe(7.855);
    expect((24 * 3600) / step).toBeLessThanOrEqual(11_000);
  });

  it("parses NaN, +Inf, -Inf and scalars; a string result is refused", async () => {
    answer(
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"1"},"value":[1,"NaN"]},{"metric":{"a":"2"},"value":[1,"+Inf"]},{"metric":{"a":"3"},"value":[1,"-Inf"]}]}}',
    );
    const src = createPrometheusSource({ baseUrl });
    const v = (await src.query("x")).series.map((s) => s.points[0].v);
    expect(v[0]).toBeNaN();
    expect(v.slice(1)).toEqual([Infinity, -Infinity]);
    answer(capture("query_scalar.json"));
    expect((await src.query("scalar(x)")).series).toEqual([{ labels: {}, points: [{ t: 1795557455928, v: 7 }] }]);
    answer(capture("query_string.json"));
    await expect(src.query('"hello"')).rejects.toThrow(/returned a string/);
  });

  it("maps Prometheus error JSON to readable errors", async () => {
    const src = createPrometheusSource({ baseUrl });
    const cases: [string, RegExp, string][] = [
      ["error_parse.txt", /rejected the query \(HTTP 400, bad_data\): invalid parameter "query": 1:18: parse error/, "bad_query"],
      ["error_execution.txt", /could not execute the query \(HTTP 422, execution\): multiple matches/, "execution"],
      ["error_timeout.txt", /timed out running the query \(HTTP 503, timeout\)/, "query_timeout"],
      ["error_step.txt", /exceeded maximum resolution of 11,000 points/, "bad_query"],
    ];
    for (const [file, message, kind] of cases) {
      const { status, body } = errorCapture(file);
      answer(body, status);
      const err = await src.query("x").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PrometheusError);
      expect((err as PrometheusError).message).toMatch(message);
      expect((err as PrometheusError).message).toContain(`Prometheus at ${baseUrl}`);
      expect((err as PrometheusError).kind).toBe(kind);
    }
  });

  it("guards non-JSON bodies (405 Method Not Allowed is plain text) and odd JSON", async () => {
    const src = createPrometheusSource({ baseUrl });
    answer("Method Not Allowed", 405);
    await expect(src.query("x")).rejects.toThrow(`Prometheus at ${baseUrl} answered HTTP 405 with a non-JSON body: Method Not Allowed`);
    answer('{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}}');
    await expect(src.query("x")).rejects.toThrow(/not a sample value: "abc"/);
    answer('{"hello":1}');
    await expect(src.query("x")).rejects.toThrow(/sent an unexpected answer \(HTTP 200\)/);
  });

  it("reports an unreachable Prometheus and a timeout in words", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = createPrometheusSource({ baseUrl: `http://127.0.0.1:${port}` });
    const err = await down.instant("cpu", Date.now()).catch((e: unknown) => e);
    expect((err as PrometheusError).message).toMatch(
      new RegExp(`^Prometheus at http://127\\.0\\.0\\.1:${port} unreachable: connect ECONNREFUSED`),
    );
    expect((err as PrometheusError).kind).toBe("unreachable");

    answer(capture("query_p95.json"), 200, 1000);
    const slow = createPrometheusSource({ baseUrl, timeoutMs: 150 });
    await expect(slow.query("x")).rejects.toThrow(`Prometheus at ${baseUrl} did not answer within 150 ms`);
    expect(seen.at(-1)!.form.get("timeout")).toBe("0.150");
  });

  it("reads alerting rules with their states", async () => {
    answer(capture("rules_alert.json"));
    const rules = await createPrometheusSource({ baseUrl }).alertingRules();
    expect(seen.at(-1)!.method).toBe("GET");
    expect(seen.at(-1)!.path).toBe("/api/v1/rules?type=alert");
    const always = rules.find((r) => r.name === "AlwaysFiringTest")!;
    expect(always).toMatchObject({ state: "firing", forMs: 20_000, health: "ok" });
    expect(always.alerts[0]).toMatchObject({ state: "firing", value: 1 });
    expect(new Date(always.alerts[0].activeAt!).toISOString()).toBe("2026-11-24T21:55:13.628Z");
    expect(rules.find((r) => r.name === "HostHighCpu")).toMatchObject({ state: "inactive", forMs: 300_000 });
  });

  it("keeps credentials out of messages", () => {
    expect(redactUrl("http://user:secret@prom.internal:9090/prometheus")).toBe("http://prom.internal:9090/prometheus");
  });
});
