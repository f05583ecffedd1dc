// The exported rules file checked by the real `promtool` binary (so it lives in the services project).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildPrometheusRules, exportPrometheusRules } from "@/lib/metrics/rules-export";

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

describe("rules export checked by promtool", () => {
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
});
