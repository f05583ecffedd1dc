import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { now as clockNow } from "@/lib/server/clock";
import { MetricsUnavailableError, RANGES, readPanelMetrics } from "@/lib/server/metrics/panel";
import { metricSource } from "@/lib/server/metrics/source";
import { createPrometheusSource } from "@/lib/metrics/prometheus";
import { SIGNAL_IDS } from "@/lib/domain/alert-rules";
import { resetAlerting } from "./alerts-support";

beforeEach(resetAlerting);

describe(`panel series on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("gives every signal over each range on an aligned grid, with its rule thresholds and a point at now", async () => {
    for (const range of ["15m", "1h", "6h", "24h"] as const) {
      const m = await readPanelMetrics(range);
      const { ms, stepMs } = RANGES[range];
      expect(m.source).toEqual({ kind: "simulator", url: null });
      expect(m.signals.map((s) => s.id)).toEqual([...SIGNAL_IDS]);
      expect(Date.parse(m.end) % stepMs).toBe(0);
      expect(Date.parse(m.end) - Date.parse(m.start)).toBe(ms);
      for (const s of m.signals) {
        expect(s.error).toBeNull();
        expect(s.series).toHaveLength(1);
        expect(s.series[0].points.length).toBeGreaterThanOrEqual(ms / stepMs + 1);
        expect(s.current).toBe(s.series[0].points.at(-1)![1]);
        expect(s.rules.length).toBe(1);
      }
      expect(m.signals.find((s) => s.id === "error_ratio")?.rules[0]).toMatchObject({
        name: "HighErrorRate",
        comparator: ">",
        threshold: 0.05,
        severity: "P0",
        forMs: 120_000,
      });
    }
  });

  it("shows an injected fault in the series (the same model the rule engine reads)", async () => {
    const before = await readPanelMetrics("15m", ["error_ratio"]);
    await prisma.simulatorFault.create({
      data: { scenario: "connection-pool-exhaustion", startedAt: new Date(clockNow().getTime() - 10 * 60_000) },
    });
    const after = await readPanelMetrics("15m", ["error_ratio"]);
    expect(before.signals[0].current!).toBeLessThan(0.05);
    expect(after.signals[0].current!).toBeGreaterThan(0.2);
    expect(metricSource().kind).toBe("simulator");
  });

  it("says which Prometheus is unreachable when no signal can be read", async () => {
    const down = createPrometheusSource({ baseUrl: "http://127.0.0.1:9", timeoutMs: 2_000 }); // nothing listens on port 9
    const error = await readPanelMetrics("1h", SIGNAL_IDS, down).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MetricsUnavailableError);
    expect((error as Error).message).toMatch(/^Prometheus at http:\/\/127\.0\.0\.1:9 unreachable/);
  });
});
