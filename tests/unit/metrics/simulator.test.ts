import { describe, expect, it } from "vitest";
import { ALERT_RULES, conditionHolds, findAlertRule, type AlertRuleName } from "@/lib/domain/alert-rules";
import { replay } from "@/lib/domain/rule-engine";
import { SCENARIO_SLUGS, type ScenarioSlug } from "@/lib/domain/scenarios";
import {
  FAULT_RULES,
  createSimulatorSource,
  dailyDemand,
  seoulHour,
  shopValues,
  type FaultInjection,
  type SignalValues,
} from "@/lib/metrics/simulator";
import { seedOf } from "@/lib/metrics/shop-model";

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 2026-11-25 00:00 in Asia/Seoul */
const SEOUL_MIDNIGHT = Date.UTC(2026, 10, 24, 15, 0, 0);
const at = (seoulHours: number) => SEOUL_MIDNIGHT + seoulHours * HOUR;
const seed = seedOf("incident-command");

function trueRules(v: SignalValues): AlertRuleName[] {
  return ALERT_RULES.filter((r) => conditionHolds(r, v[r.signal])).map((r) => r.name);
}

describe("simulator: determinism", () => {
  it("gives the same series for the same seed, time and faults (also across instances)", async () => {
    const faults: FaultInjection[] = [{ scenario: "redis-lock-timeout", startedAt: at(20), endedAt: at(20.5) }];
    const a = createSimulatorSource({ seed: 42, faults });
    const b = createSimulatorSource({ seed: 42, faults: () => faults });
    const ra = await a.range("p95_latency", at(19.5), at(21), 15_000);
    const rb = await b.range("p95_latency", at(19.5), at(21), 15_000);
    expect(ra).toEqual(rb);
    expect(ra[0].points).toHaveLength((90 * 60) / 15 + 1); // 1.5 h at 15 s, both ends included
    const other = await createSimulatorSource({ seed: 43, faults }).range("p95_latency", at(19.5), at(21), 15_000);
    expect(other[0].points.map((p) => p.v)).not.toEqual(ra[0].points.map((p) => p.v));
  });

  it("recomputes any past instant exactly (a restart leaves no gap): instant(t) = range point at t", async () => {
    const src = createSimulatorSource({ seed: "x", faults: [{ scenario: "kafka-consumer-lag", startedAt: at(3) }] });
    const range = await src.range("coupon_lag", at(2.9), at(3.2), 30_000);
    for (const p of range[0].points.filter((_, i) => i % 7 === 0)) {
      const [inst] = await src.instant("coupon_lag", new Date(p.t));
      expect(inst.points).toEqual([p]);
    }
  });

  it("is smooth: no jumps between consecutive 15 s points in normal operation", () => {
    let prev = shopValues(seed, at(10), []);
    for (let t = at(10) + 15_000; t < at(12); t += 15_000) {
      const cur = shopValues(seed, t, []);
      expect(Math.abs(cur.throughput - prev.throughput) / prev.throughput).toBeLessThan(0.05);
      expect(Math.abs(cur.p95_latency - prev.p95_latency)).toBeLessThan(0.03);
      prev = cur;
    }
  });

  it("clamps the step to at most 11,000 points per series", async () => {
    const [s] = await createSimulatorSource().range("cpu", at(0), at(48), 1000);
    expect(s.points.length).toBeLessThanOrEqual(11_001);
    expect(s.points.length).toBeGreaterThan(10_000);
  });
});

describe("simulator: daily pattern (Asia/Seoul)", () => {
  it("uses Seoul time: 12:00 UTC is 21:00 in Seoul", () => {
    expect(seoulHour(Date.UTC(2026, 10, 24, 12, 0, 0))).toBe(21);
    expect(dailyDemand(at(21))).toBeGreaterThan(4 * dailyDemand(at(4)));
  });

  it("peaks in the evening, is low at night, keeps throughput above 50 rps and no rule true", async () => {
    for (const s of [1, 2, "incident-command"]) {
      const src = createSimulatorSource({ seed: s });
      const all = await src.rangeAll(at(0), at(72), 5 * MIN);
      const byHour = (h: number) => all.throughput.points.filter((p) => Math.floor(seoulHour(p.t)) === h).reduce((sum, p) => sum + p.v, 0);
      expect(byHour(21)).toBeGreaterThan(3 * byHour(4));
      expect(byHour(13)).toBeGreaterThan(byHour(9));
      expect(Math.min(...all.throughput.points.map((p) => p.v))).toBeGreaterThan(50);
      for (let i = 0; i < all.cpu.points.length; i++) {
        const t = all.cpu.points[i].t;
        expect(trueRules(shopValues(seedOf(s), t, []))).toEqual([]);
      }
    }
  });
});

describe("simulator: faults", () => {
  const windows = [
    ["night", 4],
    ["evening peak", 21],
  ] as const;

  for (const scenario of SCENARIO_SLUGS) {
    for (const [label, hour] of windows) {
      it(`${scenario} (${label}): makes ${FAULT_RULES[scenario].join(", ")} true within 2 min, normal after clearing`, () => {
        const start = at(hour);
        const end = start + 20 * MIN;
        const faults: FaultInjection[] = [{ scenario, startedAt: start, endedAt: end }];
        // before: normal
        expect(trueRules(shopValues(seed, start - 1000, faults))).toEqual([]);
        for (const name of FAULT_RULES[scenario]) {
          const rule = findAlertRule(name)!;
          // first 15 s evaluation where the condition holds
          let first = -1;
          for (let t = start; t <= start + 3 * MIN; t += 15_000) {
            if (conditionHolds(rule, shopValues(seed, t, faults)[rule.signal])) {
              first = t;
              break;
            }
          }
          expect(first, `${name} never true`).toBeGreaterThan(start);
          expect(first - start).toBeLessThanOrEqual(2 * MIN);
          // it then holds at every evaluation until the fault is cleared: the rule fires after its `for`
          for (let t = first; t < end; t += 15_000) {
            expect(conditionHolds(rule, shopValues(seed, t, faults)[rule.signal]), `${name} dipped at +${(t - start) / 1000}s`).toBe(true);
          }
        }
        // only the expected rules (and LowThroughput at night when the pool is exhausted)
        const allowed: string[] = [...FAULT_RULES[scenario], ...(scenario === "connection-pool-exhaustion" ? ["LowThroughput"] : [])];
        for (let t = start; t < end; t += MIN) {
          for (const name of trueRules(shopValues(seed, t, faults))) expect(allowed).toContain(name);
        }
        // cleared: back to normal after the 1 min fade-out (kafka: once the 80 min backlog drained at 20 s/s)
        for (let t = end + 6 * MIN; t < end + 30 * MIN; t += MIN) {
          expect(trueRules(shopValues(seed, t, faults))).toEqual([]);
        }
      });
    }
  }

  it("fires the rule through the engine: redis-lock-timeout → HighResponseTime firing ≈ onset + 5 min", async () => {
    const start = at(20);
    const src = createSimulatorSource({ faults: [{ scenario: "redis-lock-timeout", startedAt: start }] });
    const rule = findAlertRule("HighResponseTime")!;
    const series = await src.range(rule.signal, start - 5 * MIN, start + 10 * MIN, 15_000);
    const { transitions } = replay(rule, series, start - 5 * MIN, start + 10 * MIN, 15_000);
    expect(transitions.map((t) => t.to)).toEqual(["pending", "firing"]);
    const [pending, firing] = transitions;
    expect(pending.at - start).toBeLessThanOrEqual(60_000);
    expect(firing.at - pending.at).toBe(5 * MIN);
  });

  it("kafka-consumer-lag grows the coupon lag linearly while active", () => {
    const start = at(12);
    const f: FaultInjection[] = [{ scenario: "kafka-consumer-lag" satisfies ScenarioSlug, startedAt: start }];
    const lag = (m: number) => shopValues(seed, start + m * MIN, f).coupon_lag;
    const d1 = lag(4) - lag(2);
    const d2 = lag(8) - lag(6);
    expect(Math.abs(d1 - d2) / d1).toBeLessThan(0.05);
    expect(lag(10)).toBeGreaterThan(2000);
  });
});
