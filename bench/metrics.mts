// Metrics benchmarks: `npx tsx bench/metrics.mts`.
// 1. Rule evaluation: the eight manual rules over 10,000 series each (one evaluation round), repeated.
// 2. Simulator: 24 h range at 15 s step for all eight signals.
import { pathToFileURL } from "node:url";
import { ALERT_RULES, SIGNAL_IDS, type SignalId } from "@/lib/domain/alert-rules";
import { evaluateRules, type RuleEvalState, type Sample } from "@/lib/domain/rule-engine";
import { SCENARIO_SLUGS } from "@/lib/domain/scenarios";
import { seedOf, shopValues, type FaultInjection } from "@/lib/metrics/shop-model";
import { createSimulatorSource } from "@/lib/metrics/simulator";

const SERIES = 10_000;
const ROUNDS = 40;
const STEP_MS = 15_000;
const START = Date.UTC(2026, 10, 25, 11, 0, 0); // 20:00 in Seoul

function stats(ms: number[]): { median: number; p95: number; min: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95), min: s[0] };
}

const fmt = (n: number) => `${n.toFixed(2)} ms`;

/** Inputs of every round: 10,000 shops (one per instance), 10 % of them with a fault. */
function buildRounds(): Partial<Record<SignalId, Sample[]>>[] {
  const seeds = Array.from({ length: SERIES }, (_, i) => seedOf(`instance-${i}`));
  const labels = Array.from({ length: SERIES }, (_, i) => ({ instance: `10.0.${i >> 8}.${i & 255}:8080`, job: "shop" }));
  const faults: FaultInjection[][] = seeds.map((_, i) =>
    i % 10 === 0 ? [{ scenario: SCENARIO_SLUGS[(i / 10) % SCENARIO_SLUGS.length], startedAt: START + (i % 7) * 60_000 }] : [],
  );
  const rounds: Partial<Record<SignalId, Sample[]>>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = START + r * STEP_MS;
    const inputs: Record<SignalId, Sample[]> = Object.fromEntries(SIGNAL_IDS.map((s) => [s, [] as Sample[]])) as Record<
      SignalId,
      Sample[]
    >;
    for (let i = 0; i < SERIES; i++) {
      const v = shopValues(seeds[i], t, faults[i]);
      for (const s of SIGNAL_IDS) inputs[s].push({ labels: labels[i], value: v[s] });
    }
    rounds.push(inputs);
  }
  return rounds;
}

function benchRules(): void {
  const rounds = buildRounds();
  let states: Record<string, RuleEvalState> = {};
  const times: number[] = [];
  let transitions = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const res = evaluateRules(states, ALERT_RULES, rounds[r], START + r * STEP_MS);
    times.push(performance.now() - t0);
    states = res.states;
    transitions += res.transitions.length;
  }
  const warm = stats(times.slice(5));
  const active = Object.values(states).reduce((n, s) => n + s.alerts.length, 0);
  console.log(`rule evaluation: 8 rules × ${SERIES.toLocaleString("en")} series per round, ${ROUNDS} rounds (15 s apart)`);
  console.log(`  per round: median ${fmt(warm.median)}, p95 ${fmt(warm.p95)}, min ${fmt(warm.min)} (first 5 rounds excluded)`);
  console.log(`  per series and rule: ${((warm.median * 1000) / (SERIES * ALERT_RULES.length)).toFixed(3)} µs`);
  console.log(`  ${transitions} transitions, ${active} active alerts at the end`);
}

/** Worst case: every condition true on every series (80,000 active alerts, a key per sample). */
function benchRulesAllActive(): void {
  const labels = Array.from({ length: SERIES }, (_, i) => ({ instance: `10.0.${i >> 8}.${i & 255}:8080`, job: "shop" }));
  const inputs: Partial<Record<SignalId, Sample[]>> = {};
  for (const rule of ALERT_RULES) {
    const value = rule.comparator === ">" ? rule.threshold * 2 : rule.threshold / 2;
    inputs[rule.signal] = labels.map((l) => ({ labels: l, value }));
  }
  let states: Record<string, RuleEvalState> = {};
  const times: number[] = [];
  for (let r = 0; r < 20; r++) {
    const t0 = performance.now();
    states = evaluateRules(states, ALERT_RULES, inputs, START + r * STEP_MS).states;
    times.push(performance.now() - t0);
  }
  const w = stats(times.slice(3));
  console.log(`  worst case, all 80,000 alerts active: median ${fmt(w.median)}, p95 ${fmt(w.p95)} per round`);
}

async function benchSimulator(): Promise<void> {
  const src = createSimulatorSource({
    seed: 7,
    faults: [{ scenario: "slow-query-surge", startedAt: START - 6 * 3_600_000, endedAt: START - 5 * 3_600_000 }],
  });
  const end = START;
  const start = end - 24 * 3_600_000;
  const all: number[] = [];
  const each: number[] = [];
  let points = 0;
  for (let i = 0; i < 12; i++) {
    let t0 = performance.now();
    const r = await src.rangeAll(start, end, STEP_MS);
    all.push(performance.now() - t0);
    points = Object.values(r).reduce((n, s) => n + s.points.length, 0);
    t0 = performance.now();
    for (const s of SIGNAL_IDS) await src.range(s, start, end, STEP_MS);
    each.push(performance.now() - t0);
  }
  const a = stats(all.slice(2));
  const e = stats(each.slice(2));
  console.log(`simulator: 24 h at 15 s step, 8 signals (${points.toLocaleString("en")} points)`);
  console.log(`  rangeAll (one pass):        median ${fmt(a.median)}, p95 ${fmt(a.p95)}`);
  console.log(`  range() per signal, ×8:     median ${fmt(e.median)}, p95 ${fmt(e.p95)}`);
}

export async function main(): Promise<void> {
  console.log(`node ${process.version}`);
  benchRules();
  benchRulesAllActive();
  await benchSimulator();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
