// The embedded metric source: the shop model (shop-model.ts) behind the MetricSource interface.
// Deterministic: the same seed, time and fault list always give the same values, so the app needs
// to store only the fault injections (scenario, start, end) to recompute any past window.
import { SIGNAL_IDS, type SignalId } from "@/lib/domain/alert-rules";
import { clampStepMs, toMs, type MetricSource, type Series, type TimeInput } from "./source";
import { seedOf, shopValues, type FaultInjection, type SignalValues } from "./shop-model";

export {
  FAULT_RULES,
  FAULT_RAMP_IN_MS,
  FAULT_RAMP_OUT_MS,
  dailyDemand,
  faultIntensity,
  seoulHour,
  shopValues,
  type FaultInjection,
  type SignalValues,
} from "./shop-model";

export type FaultList = readonly FaultInjection[];
/** The faults, or a function that reads them (e.g. from the database) at each query. */
export type FaultProvider = FaultList | (() => FaultList | Promise<FaultList>);

export interface SimulatorOptions {
  /** Default "incident-command". The same seed gives the same shop. */
  seed?: number | string;
  faults?: FaultProvider;
}

/** Labels of the simulator's series: one aggregated series per signal, like the default PromQL. */
export const SIMULATOR_LABELS: Readonly<Record<string, string>> = Object.freeze({});

export interface SimulatorSource extends MetricSource {
  readonly kind: "simulator";
  readonly seed: number;
  /** All signals at `at` (with the source's faults, or the given ones). */
  valuesAt(at: TimeInput, faults?: FaultList): Promise<SignalValues>;
  /** All signals over a window in one pass (dashboards): one series per signal. */
  rangeAll(start: TimeInput, end: TimeInput, stepMs: number): Promise<Record<SignalId, Series>>;
}

/** Every signal at `start + n·step` (synchronous core of `range`). */
export function simulateRange(
  seed: number,
  faults: FaultList,
  signals: readonly SignalId[],
  start: number,
  end: number,
  stepMs: number,
): Record<SignalId, Series> {
  const step = clampStepMs(start, end, stepMs);
  const out = {} as Record<SignalId, Series>;
  for (const s of signals) out[s] = { labels: { ...SIMULATOR_LABELS }, points: [] };
  for (let t = start; t <= end; t += step) {
    const v = shopValues(seed, t, faults);
    for (const s of signals) out[s].points.push({ t, v: v[s] });
  }
  return out;
}

export function createSimulatorSource(options: SimulatorOptions = {}): SimulatorSource {
  const seed = seedOf(options.seed ?? "incident-command");
  const provider = options.faults ?? [];
  const faults = async (): Promise<FaultList> => (typeof provider === "function" ? provider() : provider);

  return {
    kind: "simulator",
    seed,
    async valuesAt(at, override) {
      return shopValues(seed, toMs(at), override ?? (await faults()));
    },
    async instant(signal, at) {
      const t = toMs(at);
      const v = shopValues(seed, t, await faults());
      return [{ labels: { ...SIMULATOR_LABELS }, points: [{ t, v: v[signal] }] }];
    },
    async rangeAll(start, end, stepMs) {
      return simulateRange(seed, await faults(), SIGNAL_IDS, toMs(start), toMs(end), stepMs);
    },
    async range(signal, start, end, stepMs) {
      const series = simulateRange(seed, await faults(), [signal], toMs(start), toMs(end), stepMs);
      return [series[signal]];
    },
  };
}
