import { describe, expect, it } from "vitest";
import {
  evaluate,
  evaluateRules,
  evaluationSlot,
  initialRuleState,
  markError,
  replay,
  ruleStatus,
  samplesAt,
  seriesKey,
  type EvaluableRule,
  type RuleEvalState,
  type Sample,
  type Transition,
} from "@/lib/domain/rule-engine";
import { ALERT_RULES } from "@/lib/domain/alert-rules";

/** An injected clock: evaluations every `stepMs` from a fixed start. */
function clock(startIso: string, stepMs: number) {
  let now = Date.parse(startIso);
  return {
    now: () => now,
    tick: (ms = stepMs) => (now += ms),
  };
}

const rule: EvaluableRule = { name: "HighErrorRate", comparator: ">", threshold: 0.05, forMs: 2 * 60_000 };
const v = (value: number, labels: Record<string, string> = {}): Sample[] => [{ labels, value }];

/** Run evaluations: one value (or null = no series) per tick, returns all transitions. */
function run(r: EvaluableRule, values: (number | null)[], stepMs = 30_000) {
  const c = clock("2026-11-25T03:00:00Z", stepMs);
  let state: RuleEvalState = initialRuleState(r);
  const transitions: Transition[] = [];
  const statuses: string[] = [];
  for (const x of values) {
    const res = evaluate(state, r, x === null ? [] : v(x), c.now());
    state = res.state;
    transitions.push(...res.transitions);
    statuses.push(ruleStatus(state));
    c.tick();
  }
  return { state, transitions, statuses, start: Date.parse("2026-11-25T03:00:00Z") };
}

describe("rule engine: Prometheus for: semantics", () => {
  it("goes inactive → pending → firing after the condition held for `for` at every evaluation", () => {
    // 30 s evaluations, for 2 m: pending at 0 s, firing at 120 s (the 5th evaluation), not at 90 s.
    const { transitions, statuses, start } = run(rule, [0.01, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(statuses).toEqual(["inactive", "pending", "pending", "pending", "pending", "firing", "firing"]);
    expect(transitions.map((t) => [t.to, t.at - start])).toEqual([
      ["pending", 30_000],
      ["firing", 150_000],
    ]);
    expect(transitions[1].activeAt).toBe(start + 30_000);
    expect(transitions[1].firedAt).toBe(start + 150_000);
  });

  it("for: 0 fires in the first evaluation where the condition is true, with one transition", () => {
    const { transitions, statuses } = run({ ...rule, forMs: 0 }, [0.2, 0.2, 0.01]);
    expect(statuses).toEqual(["firing", "firing", "inactive"]);
    expect(transitions.map((t) => t.to)).toEqual(["firing", "resolved"]);
  });

  it("emits resolved when a firing alert's condition turns false", () => {
    const { transitions, start } = run(rule, [0.2, 0.2, 0.2, 0.2, 0.2, 0.04]);
    expect(transitions.map((t) => t.to)).toEqual(["pending", "firing", "resolved"]);
    const resolved = transitions[2];
    expect(resolved.at - start).toBe(150_000);
    expect(resolved.activeAt).toBe(start);
    expect(resolved.firedAt).toBe(start + 120_000);
  });

  it("no data (an empty answer, or only NaN) is its own state: a firing alert stays firing, never a resolve", () => {
    // Prometheus restarted: the query answers with nothing while the error ratio is still 30 %
    const gone = run(rule, [0.2, 0.2, 0.2, 0.2, 0.2, null, null]);
    expect(gone.transitions.map((t) => t.to)).toEqual(["pending", "firing", "nodata"]); // said once, not per evaluation
    expect(gone.statuses.slice(-2)).toEqual(["firing", "firing"]);
    expect(gone.state.noData).toBe(true);
    expect(run(rule, [0.2, 0.2, 0.2, 0.2, 0.2, NaN]).transitions.at(-1)?.to).toBe("nodata");
    expect(run(rule, [NaN, NaN]).statuses).toEqual(["inactive", "inactive"]);
    // data comes back: still above the threshold → it goes on firing (same episode); below → resolved
    const back = run(rule, [0.2, 0.2, 0.2, 0.2, 0.2, null, 0.3, 0.01]);
    expect(back.transitions.map((t) => t.to)).toEqual(["pending", "firing", "nodata", "resolved"]);
    expect(back.transitions[3].firedAt).toBe(back.transitions[1].firedAt);
    // a pending alert is dropped during no data (nobody saw the condition hold) and starts over
    expect(run(rule, [0.2, null, 0.2]).statuses).toEqual(["pending", "inactive", "pending"]);
  });

  it("one series missing while others report is that series resolving (Prometheus semantics); its NaN keeps it", () => {
    const a = { instance: "a" };
    const b = { instance: "b" };
    let s = initialRuleState(rule);
    const both = (x: number, y: number): Sample[] => [
      { labels: a, value: x },
      { labels: b, value: y },
    ];
    for (let i = 0; i <= 4; i++) s = evaluate(s, rule, both(0.2, 0.2), i * 30_000).state;
    expect(s.alerts.map((x) => x.state)).toEqual(["firing", "firing"]);
    const nan = evaluate(
      s,
      rule,
      [
        { labels: a, value: NaN },
        { labels: b, value: 0.2 },
      ],
      150_000,
    );
    expect(nan.transitions).toEqual([]);
    expect(nan.state.alerts).toHaveLength(2);
    const missing = evaluate(nan.state, rule, [{ labels: b, value: 0.2 }], 180_000);
    expect(missing.transitions.map((t) => [t.to, t.labels.instance])).toEqual([["resolved", "a"]]);
    expect(missing.state.noData).toBe(false);
  });

  it("a pending alert that goes false disappears without a transition", () => {
    const { transitions, statuses } = run(rule, [0.2, 0.2, 0.01, 0.01]);
    expect(statuses).toEqual(["pending", "pending", "inactive", "inactive"]);
    expect(transitions.map((t) => t.to)).toEqual(["pending"]);
  });

  it("a single dip inside the window restarts `for`", () => {
    // true 0..90 s, dip at 120 s, true again from 150 s: firing only at 150 + 120 = 270 s.
    const values = [0.2, 0.2, 0.2, 0.2, 0.01, 0.2, 0.2, 0.2, 0.2, 0.2];
    const { transitions, statuses, start } = run(rule, values);
    expect(statuses).toEqual([
      "pending",
      "pending",
      "pending",
      "pending",
      "inactive",
      "pending",
      "pending",
      "pending",
      "pending",
      "firing",
    ]);
    expect(transitions.map((t) => [t.to, t.at - start])).toEqual([
      ["pending", 0],
      ["pending", 150_000],
      ["firing", 270_000],
    ]);
    expect(transitions[2].activeAt).toBe(start + 150_000);
  });

  it("reproduces the observed Prometheus timeline (contracts 1.7: for 30s, 5 s interval)", () => {
    const r: EvaluableRule = { ...rule, forMs: 30_000 };
    const t0 = Date.parse("2026-11-24T21:56:12.565Z");
    let state = initialRuleState(r);
    const seen: Record<string, string> = {};
    for (let t = t0; t <= Date.parse("2026-11-24T21:58:42.565Z"); t += 5000) {
      const bad = t >= Date.parse("2026-11-24T21:56:17.565Z") && t < Date.parse("2026-11-24T21:58:37.565Z");
      const res = evaluate(state, r, v(bad ? 0.2 : 0), t);
      state = res.state;
      for (const tr of res.transitions) seen[tr.to] = new Date(tr.at).toISOString();
    }
    expect(seen).toEqual({
      pending: "2026-11-24T21:56:17.565Z",
      firing: "2026-11-24T21:56:47.565Z",
      resolved: "2026-11-24T21:58:37.565Z",
    });
  });

  it("keeps one alert per label set, independent of each other", () => {
    const r: EvaluableRule = { ...rule, forMs: 60_000 };
    const a = { job: "order" };
    const b = { job: "payment" };
    let s = initialRuleState(r);
    s = evaluate(s, r, [{ labels: a, value: 0.2 }], 0).state;
    s = evaluate(
      s,
      r,
      [
        { labels: a, value: 0.2 },
        { labels: b, value: 0.3 },
      ],
      30_000,
    ).state;
    const res = evaluate(
      s,
      r,
      [
        { labels: b, value: 0.3 },
        { labels: a, value: 0.2 },
      ],
      60_000,
    );
    expect(res.transitions.map((t) => [t.to, t.labels.job])).toEqual([["firing", "order"]]);
    expect(res.state.alerts.map((x) => [x.labels.job, x.state])).toEqual([
      ["payment", "pending"],
      ["order", "firing"],
    ]);
  });

  it("keys series by label set, order-independent, without __name__", () => {
    expect(seriesKey({ b: "2", a: "1" })).toBe(seriesKey({ a: "1", b: "2" }));
    expect(seriesKey({ __name__: "x", a: "1" })).toBe(seriesKey({ a: "1" }));
    expect(seriesKey({})).toBe("{}");
    const res = evaluate(initialRuleState(rule), rule, [{ labels: { __name__: "m", job: "x" }, value: 1 }], 0);
    expect(res.state.alerts[0].labels).toEqual({ job: "x" });
  });

  it("does not modify the state passed in, and ignores an evaluation older than the last", () => {
    const s0 = initialRuleState(rule);
    const s1 = evaluate(s0, rule, v(0.2), 1000).state;
    expect(s0.alerts).toEqual([]);
    const frozen = JSON.stringify(s1);
    const back = evaluate(s1, rule, v(0.01), 500);
    expect(back.state).toBe(s1);
    expect(back.transitions).toEqual([]);
    expect(JSON.stringify(s1)).toBe(frozen);
    expect(JSON.parse(frozen)).toEqual(s1); // JSON round trip keeps the state
  });

  it("restarts pending alerts after a gap longer than maxGapMs, keeps firing ones", () => {
    let s = initialRuleState(rule);
    s = evaluate(s, rule, v(0.2), 0).state;
    const res = evaluate(s, rule, v(0.2), 10 * 60_000, { maxGapMs: 60_000 });
    expect(res.transitions.map((t) => t.to)).toEqual(["pending"]);
    expect(res.state.alerts[0].activeAt).toBe(10 * 60_000);
    // without the option, the condition is assumed to have held
    expect(evaluate(s, rule, v(0.2), 10 * 60_000).transitions.map((t) => t.to)).toEqual(["firing"]);
  });

  it("a failed query keeps the alerts (health err) instead of resolving them", () => {
    let s = run(rule, [0.2, 0.2, 0.2, 0.2, 0.2]).state;
    expect(ruleStatus(s)).toBe("firing");
    s = markError(s, "Prometheus at http://127.0.0.1:9090 unreachable: connect ECONNREFUSED", s.lastEvaluation! + 30_000);
    expect(ruleStatus(s)).toBe("firing");
    expect(s.health).toBe("err");
    expect(s.lastError).toMatch(/unreachable/);
  });

  it("evaluates the eight manual rules in one round; an unqueried signal is an error, not a resolve", () => {
    const res = evaluateRules({}, ALERT_RULES, { error_ratio: v(0.5), throughput: v(10), cpu: { error: "boom" } }, 0);
    expect(ruleStatus(res.states.HighErrorRate)).toBe("pending");
    expect(ruleStatus(res.states.LowThroughput)).toBe("pending");
    expect(res.states.HighCPUUsage.health).toBe("err");
    expect(res.states.HighCPUUsage.lastError).toBe("boom");
    expect(res.states.DiskSpaceLow.lastError).toMatch(/not queried/);
    expect(res.transitions).toHaveLength(2);
  });

  it("replays a range result (missing points, lookback) like step-by-step evaluation", () => {
    const step = 15_000;
    const pts = Array.from({ length: 40 }, (_, i) => ({ t: i * step, v: i >= 4 && i < 30 ? 0.3 : 0.01 })).filter((p) => p.t !== 10 * step); // a gap: the previous point is used within the lookback
    const r: EvaluableRule = { ...rule, forMs: 60_000 };
    const res = replay(r, [{ labels: {}, points: pts }], 0, 39 * step, step);
    expect(res.transitions.map((t) => [t.to, t.at / step])).toEqual([
      ["pending", 4],
      ["firing", 8],
      ["resolved", 30],
    ]);
    expect(samplesAt([{ labels: {}, points: pts }], 10 * step, 1000)).toEqual([]); // outside a short lookback
  });

  it("puts evaluations on a fixed grid", () => {
    expect(evaluationSlot(19_002, 1000)).toBe(19_000);
    expect(evaluationSlot(new Date(45_000), 15_000)).toBe(45_000);
    expect(() => evaluationSlot(1, 0)).toThrow(RangeError);
  });
});
