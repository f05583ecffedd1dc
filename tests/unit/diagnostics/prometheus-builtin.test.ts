// The prometheus.query probe without a configured Prometheus: judged on the simulator's p95 latency with the
// target's thresholds, recorded as simulated, and worded in the reader's language.
import { describe, expect, it } from "vitest";
import { builtInPrometheusProbe } from "@/lib/diagnostics/prometheus-builtin";
import { builtInValueText, isBuiltInPromData, probeSummaryText } from "@/lib/diagnostics/builtin-summary";
import { targetsFromEnv } from "@/lib/diagnostics/targets";
import { SIGNAL_IDS, type SignalId } from "@/lib/domain/alert-rules";

const AT = Date.UTC(2026, 10, 30, 1, 0, 0);
const reader = (p95: number) => ({
  read: async () => ({
    at: AT,
    values: Object.fromEntries(SIGNAL_IDS.map((s) => [s, s === "p95_latency" ? p95 : 0.5])) as Record<SignalId, number>,
  }),
});
const unconfigured = targetsFromEnv({}).prometheus[0];

describe("built-in prometheus.query", () => {
  it("the default target is the unconfigured one the built-in answer stands in for", () => {
    expect(unconfigured).toMatchObject({ configured: false, comparator: ">", warning: 1 });
    expect(targetsFromEnv({ PROMETHEUS_URL: "http://prom:9090" }).prometheus[0].configured).toBe(true);
  });

  it("judges the p95 latency against the manual's rule (> 1 s is a warning) and records the figures as simulated", async () => {
    const ok = await builtInPrometheusProbe(reader(0.234)).run(unconfigured);
    expect(ok).toMatchObject({ probeId: "prometheus.query", verdict: "ok" });
    expect(ok.summary).toBe("built-in simulator (no Prometheus configured): p95 response time 0.234 s (warning > 1 s)");
    expect(ok.data).toMatchObject({ source: "simulator", signal: "p95_latency", value: 0.234, comparator: ">", warning: 1, at: AT });
    expect(isBuiltInPromData(ok.data)).toBe(true);

    const slow = await builtInPrometheusProbe(reader(1.8)).run(unconfigured);
    expect(slow.verdict).toBe("warning");
  });

  it("a critical threshold from the target counts", async () => {
    const r = await builtInPrometheusProbe(reader(3)).run({ ...unconfigured, critical: 2 });
    expect(r.verdict).toBe("critical");
  });

  it("reads in Korean and English; other probes' summaries stay as recorded", async () => {
    const r = await builtInPrometheusProbe(reader(0.234)).run(unconfigured);
    if (!isBuiltInPromData(r.data)) throw new Error("not built-in");
    expect(builtInValueText(r.data, "ko")).toBe("p95 응답시간 0.23 s (주의 기준 > 1 s)");
    expect(builtInValueText(r.data, "en")).toBe("p95 response time 0.23 s (warning > 1 s)");
    expect(probeSummaryText(r, "ko")).toBe(
      "p95 응답시간 0.23 s (주의 기준 > 1 s) — 내장 시뮬레이터의 수치입니다 (Prometheus가 설정되지 않음)",
    );
    expect(probeSummaryText(r, "en")).toContain("built-in simulator");
    expect(probeSummaryText({ summary: "3 locks", data: { samples: [] } }, "ko")).toBe("3 locks");
  });
});
