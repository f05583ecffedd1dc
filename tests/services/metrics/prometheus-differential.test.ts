// DIFFERENTIAL test: a real Prometheus evaluates the exported rules (test-sized `for:`) against a
// scripted exporter while the app's rule engine reads the SAME Prometheus through the Prometheus source
// and evaluates the same rules every second. Their pending/firing timelines must agree within one
// evaluation interval, including a dip that restarts `for` and a `for: 0` rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_RULES, SIGNAL_IDS, type AlertRuleName, type SignalId } from "@/lib/domain/alert-rules";
import { evaluateRules, ruleStatus, type RuleEvalState, type RuleStatus, type SignalInput } from "@/lib/domain/rule-engine";
import { createPrometheusSource, type PrometheusSource } from "@/lib/metrics/prometheus";
import { exportPrometheusRules } from "@/lib/metrics/rules-export";
import { toSamples } from "@/lib/metrics/source";
import { startPrometheus, type PrometheusProcess } from "./prometheus-process";
import { startScriptedExporter, type ScriptValues, type ScriptedExporter } from "./scripted-exporter";

const INTERVAL_MS = 1000;
/** HTTP round trips and sample ingestion: the two evaluators' clocks are not in phase. */
const JITTER_MS = 300;
const SCRIPT_END_S = 36;
const TAIL_S = 4;

const TEST_FOR_MS: Record<AlertRuleName, number> = {
  HighResponseTime: 5000,
  HighErrorRate: 5000,
  LowThroughput: 5000,
  // rate(...[2m]) underestimates while Prometheus has only seconds of data, so the CPU looks busy during
  // warm-up (both evaluators see it): a long `for` keeps that pending, then inactive once the window fills.
  HighCPUUsage: 60_000,
  HighMemoryUsage: 6000,
  DiskSpaceLow: 0,
  PaymentFailureSpike: 5000,
  CouponIssueDelay: 8000,
};
const RULES = ALERT_RULES.map((r) => ({ ...r, forMs: TEST_FOR_MS[r.name] }));

const within = (s: number | null, from: number, to: number) => s !== null && s >= from && s < to;

/** What the shop does, by seconds since the script started (null = warm-up, all good). */
function script(s: number | null): ScriptValues {
  return {
    // high enough that the warm-up underestimate of rate() stays above LowThroughput's 50 rps
    okRps: 2000,
    errorRps: s !== null && s >= 6 ? 300 : 0, // HighErrorRate (13 %): pending, firing, stays firing
    slowShare: 0,
    cpuBusy: 0.1,
    memoryUsed: within(s, 12, 26) ? 0.94 : 0.5, // HighMemoryUsage: for 6 s
    diskFree: within(s, 24, 31) ? 0.1 : 0.6, // DiskSpaceLow: for 0 → firing at once
    paymentFailureRate: within(s, 3, 20) ? 0.3 : 0.02, // PaymentFailureSpike: for 5 s
    couponLagSeconds: within(s, 5, 11) || within(s, 14, 32) ? 400 : 10, // 3 s dip restarts for 8 s
  };
}

interface Change {
  at: number;
  state: RuleStatus;
}
type Timeline = Record<AlertRuleName, Change[]>;
const emptyTimeline = (): Timeline => Object.fromEntries(RULES.map((r) => [r.name, []])) as unknown as Timeline;

function record(tl: Timeline, name: AlertRuleName, state: RuleStatus, at: number) {
  const last = tl[name].at(-1)?.state ?? "inactive";
  if (state !== last) tl[name].push({ at, state });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

let exporter: ScriptedExporter | undefined;
let prom: PrometheusProcess | undefined;
let source: PrometheusSource;
const promTimeline = emptyTimeline();
const engineTimeline = emptyTimeline();
let t0 = 0;
const engineErrors: string[] = [];

async function engineLoop(until: number) {
  let states: Record<string, RuleEvalState> = {};
  for (let tick = Date.now(); tick < until; tick += INTERVAL_MS) {
    await sleep(tick - Date.now());
    // Evaluate at the scheduled slot, like Prometheus: timer jitter must not stretch `for`.
    const now = tick;
    const inputs: Partial<Record<SignalId, SignalInput>> = {};
    await Promise.all(
      SIGNAL_IDS.map(async (signal) => {
        try {
          inputs[signal] = toSamples(await source.instant(signal, now));
        } catch (err) {
          inputs[signal] = { error: String(err) };
          engineErrors.push(String(err));
        }
      }),
    );
    states = evaluateRules(states, RULES, inputs, now).states;
    for (const r of RULES) record(engineTimeline, r.name, ruleStatus(states[r.name]), now);
  }
}

async function prometheusPoller(until: number) {
  while (Date.now() < until) {
    for (const r of await source.alertingRules()) {
      const name = r.name as AlertRuleName;
      if (engineTimeline[name] === undefined) continue;
      record(promTimeline, name, r.state, r.lastEvaluation ?? Date.now());
    }
    await sleep(150);
  }
}

describe("rule engine vs a real Prometheus (differential)", () => {
  beforeAll(async () => {
    exporter = await startScriptedExporter(script);
    prom = await startPrometheus({
      exporterPort: exporter.port,
      rulesYaml: exportPrometheusRules({ forMs: TEST_FOR_MS }),
      intervalSeconds: INTERVAL_MS / 1000,
    });
    source = createPrometheusSource({ baseUrl: prom.url, timeoutMs: 2000 });
    // warm-up: rate() needs two scrapes, and with only seconds of data it underestimates (it divides by
    // the whole 1m window): wait until throughput is well above LowThroughput's 50 rps.
    const deadline = Date.now() + 20_000;
    const throughput = async () => (await source.instant("throughput", Date.now()))[0]?.points[0]?.v ?? 0;
    while ((await throughput()) < 150) {
      if (Date.now() > deadline) throw new Error(`no data scraped: ${prom.log()}`);
      await sleep(250);
    }
    const rules = await source.alertingRules();
    expect(rules.map((r) => r.name).sort()).toEqual(RULES.map((r) => r.name).sort());
  });

  afterAll(async () => {
    await prom?.stop();
    await exporter?.close();
  });

  it("agrees with Prometheus' pending/firing states within one evaluation interval", { timeout: 90_000 }, async () => {
    t0 = exporter!.start();
    const until = t0 + (SCRIPT_END_S + TAIL_S) * 1000;
    await Promise.all([engineLoop(until), prometheusPoller(until)]);

    const fmt = (tl: Timeline) =>
      Object.entries(tl)
        .map(([n, cs]) => `${n}: ${cs.map((c) => `${c.state}@${((c.at - t0) / 1000).toFixed(2)}`).join(" ")}`)
        .join("\n");
    const report = `\nprometheus:\n${fmt(promTimeline)}\nengine:\n${fmt(engineTimeline)}\n`;
    console.log(report);
    expect(engineErrors, "engine queries failed").toEqual([]);

    // the script's expected state sequences, on both sides
    const expected: Record<AlertRuleName, RuleStatus[]> = {
      HighResponseTime: [],
      LowThroughput: [],
      HighCPUUsage: ["pending", "inactive"],
      HighErrorRate: ["pending", "firing"],
      HighMemoryUsage: ["pending", "firing", "inactive"],
      DiskSpaceLow: ["firing", "inactive"],
      PaymentFailureSpike: ["pending", "firing", "inactive"],
      CouponIssueDelay: ["pending", "inactive", "pending", "firing", "inactive"],
    };
    let maxDelta = 0;
    for (const r of RULES) {
      const p = promTimeline[r.name];
      const e = engineTimeline[r.name];
      expect(
        p.map((c) => c.state),
        `prometheus ${r.name}${report}`,
      ).toEqual(expected[r.name]);
      expect(
        e.map((c) => c.state),
        `engine ${r.name}${report}`,
      ).toEqual(expected[r.name]);
      p.forEach((c, i) => {
        const delta = Math.abs(c.at - e[i].at);
        maxDelta = Math.max(maxDelta, delta);
        expect(delta, `${r.name} ${c.state} #${i}${report}`).toBeLessThanOrEqual(INTERVAL_MS + JITTER_MS);
      });
    }
    console.log(`largest disagreement between Prometheus and the engine: ${maxDelta} ms`);

    // the dip restarted `for`: firing comes `for` after the second pending, not the first.
    // (Prometheus' lastEvaluation is the wall clock of the evaluation: allow a few ms of jitter.)
    for (const tl of [promTimeline, engineTimeline]) {
      const [, , secondPending, firing] = tl.CouponIssueDelay;
      expect(firing.at - secondPending.at).toBeGreaterThanOrEqual(TEST_FOR_MS.CouponIssueDelay - 50);
      expect(firing.at - secondPending.at).toBeLessThan(TEST_FOR_MS.CouponIssueDelay + 2 * INTERVAL_MS);
    }
  });
});
