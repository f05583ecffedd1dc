import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ALERT_RULES } from "@/lib/domain/alert-rules";
import { buildPrometheusRules, exportPrometheusRules, formatPromDuration, type PromRuleFileDoc } from "@/lib/metrics/rules-export";
import { defaultSignalQueries } from "@/lib/metrics/promql";

const PROMTOOL = "/usr/bin/promtool";
const dir = mkdtempSync(join(tmpdir(), "rules-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `promtool check rules` on the text; returns exit code and output. */
function promtoolCheck(text: string, name = "rules.yml"): { code: number; out: string } {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    const out = execFileSync(PROMTOOL, ["check", "rules", file], { encoding: "utf8", stdio: "pipe" });
    return { code: 0, out };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? -1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("rules export", () => {
  it("writes durations the Prometheus way", () => {
    expect(formatPromDuration(5 * 60_000)).toBe("5m");
    expect(formatPromDuration(90_000)).toBe("1m30s");
    expect(formatPromDuration(0)).toBe("0s");
    expect(formatPromDuration(3_600_000 + 1500)).toBe("1h1s500ms");
    expect(() => formatPromDuration(-1)).toThrow(RangeError);
  });

  it("exports the eight rules as a mapping with groups:, with for, labels and annotations", () => {
    const doc = parse(exportPrometheusRules()) as PromRuleFileDoc;
    expect(Object.keys(doc)).toEqual(["groups"]);
    const rules = doc.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => [r.alert, r.for])).toEqual([
      ["HighResponseTime", "5m"],
      ["HighErrorRate", "2m"],
      ["LowThroughput", "10m"],
      ["HighCPUUsage", "5m"],
      ["HighMemoryUsage", "5m"],
      ["DiskSpaceLow", "1m"],
      ["PaymentFailureSpike", "2m"],
      ["CouponIssueDelay", "5m"],
    ]);
    const q = defaultSignalQueries();
    expect(rules[0].expr).toBe(`(${q.p95_latency}) > 1`);
    expect(rules[2].expr).toBe(`(${q.throughput}) < 50`);
    expect(rules[1].labels).toEqual({ severity: "P0" });
    expect(rules[6].labels).toEqual({ severity: "P1", team: "payments" });
    expect(rules[7].labels).toEqual({ severity: "P2", team: "marketing" });
    expect(rules[1].annotations.summary).toContain("humanizePercentage");
    expect(rules[1].annotations.description).toBe(ALERT_RULES[1].description.en);
  });

  it("passes promtool check rules", () => {
    const { code, out } = promtoolCheck(exportPrometheusRules());
    expect(out).toContain("SUCCESS: 8 rules found");
    expect(code).toBe(0);
  });

  it("passes promtool with test-sized for:, custom metric names and a group interval", () => {
    const text = exportPrometheusRules({
      forMs: { PaymentFailureSpike: 5000, DiskSpaceLow: 0 },
      paymentFailureMetric: "shop_payment_failure_ratio",
      queries: { cpu: '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[2m])))' },
      intervalMs: 1000,
    });
    const doc = buildPrometheusRules({ forMs: { PaymentFailureSpike: 5000, DiskSpaceLow: 0 } });
    expect(doc.groups[2].rules[0].for).toBe("5s");
    expect(doc.groups[1].rules[2].for).toBe("0s");
    expect(text).toContain("max(shop_payment_failure_ratio)");
    expect(text).toContain("interval: 1s");
    expect(promtoolCheck(text, "custom.yml").code).toBe(0);
  });

  it("the check can fail: a broken query is rejected by promtool", () => {
    const { code, out } = promtoolCheck(exportPrometheusRules({ queries: { cpu: "sum(rate(foo[1m])" } }), "bad.yml");
    expect(code).toBe(1);
    expect(out).toMatch(/HighCPUUsage.*parse error/);
  });

  it("refuses a metric name that is not one", () => {
    expect(() => exportPrometheusRules({ couponLagMetric: "coupon lag" })).toThrow(/not a valid Prometheus metric name/);
  });
});
