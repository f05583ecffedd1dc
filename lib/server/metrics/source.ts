import "server-only";
// The configured metric source, one per server instance: the embedded simulator (default), whose fault
// injections live in the SimulatorFault table so every instance and every restart computes the same
// history; or Prometheus over its HTTP API.
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { alertsConfig } from "../alerts/config";
import { SIGNAL_IDS, type SignalId } from "@/lib/domain/alert-rules";
import { isScenarioSlug } from "@/lib/domain/scenarios";
import type { Series } from "@/lib/metrics/source";
import { createSimulatorSource, FAULT_RAMP_OUT_MS, type FaultInjection, type SimulatorSource } from "@/lib/metrics/simulator";
import { createPrometheusSource, type PrometheusSource } from "@/lib/metrics/prometheus";

export type ConfiguredSource = SimulatorSource | PrometheusSource;

/** How long after it ended a fault can still shape values: the fade-out, and a drained coupon backlog. */
const FAULT_MEMORY_MS = 48 * 3_600_000 + FAULT_RAMP_OUT_MS;

/** The simulator's faults: active ones and those recent enough to matter for the 24 h charts. */
export async function loadFaults(at: Date = clockNow()): Promise<FaultInjection[]> {
  const rows = await prisma.simulatorFault.findMany({
    where: { OR: [{ endedAt: null }, { endedAt: { gte: new Date(at.getTime() - FAULT_MEMORY_MS) } }] },
    orderBy: { startedAt: "asc" },
  });
  const faults: FaultInjection[] = [];
  for (const r of rows) if (isScenarioSlug(r.scenario)) faults.push({ scenario: r.scenario, startedAt: r.startedAt, endedAt: r.endedAt });
  return faults;
}

const g = globalThis as unknown as { __metricSource?: ConfiguredSource };

export function metricSource(): ConfiguredSource {
  if (g.__metricSource) return g.__metricSource;
  const config = alertsConfig();
  g.__metricSource =
    config.source === "prometheus" && config.prometheus
      ? createPrometheusSource(config.prometheus)
      : createSimulatorSource({ seed: config.simulatorSeed, faults: () => loadFaults() });
  return g.__metricSource;
}

/** "Prometheus at http://…" or "simulator", for messages and the panel's header. */
export function describeSource(source: ConfiguredSource = metricSource()): { kind: ConfiguredSource["kind"]; url: string | null } {
  return { kind: source.kind, url: source.kind === "prometheus" ? source.displayUrl : null };
}

export type SignalRead = Series[] | { error: string };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads every signal the way the source is best at: the simulator computes all eight in one pass (one
 * read of the fault list), so its failure fails them all; Prometheus runs one query per signal in
 * parallel, and a failing query fails only its signal.
 */
async function readEach(
  source: ConfiguredSource,
  signals: readonly SignalId[],
  read: {
    simulatorAll: (sim: SimulatorSource) => Promise<Record<SignalId, Series>>;
    prometheusOne: (prom: PrometheusSource, signal: SignalId) => Promise<Series[]>;
  },
): Promise<Record<SignalId, SignalRead>> {
  const out = {} as Record<SignalId, SignalRead>;
  if (source.kind === "simulator") {
    try {
      const all = await read.simulatorAll(source);
      for (const s of signals) out[s] = [all[s]];
    } catch (error) {
      for (const s of signals) out[s] = { error: `simulator failed: ${message(error)}` };
    }
    return out;
  }
  await Promise.all(
    signals.map(async (s) => {
      try {
        out[s] = await read.prometheusOne(source, s);
      } catch (error) {
        out[s] = { error: message(error) };
      }
    }),
  );
  return out;
}

/** Every signal over [start, end] at `stepMs`. */
export function readRange(
  source: ConfiguredSource,
  start: number,
  end: number,
  stepMs: number,
  signals: readonly SignalId[] = SIGNAL_IDS,
): Promise<Record<SignalId, SignalRead>> {
  return readEach(source, signals, {
    simulatorAll: (sim) => sim.rangeAll(start, end, stepMs),
    prometheusOne: (prom, s) => prom.range(s, start, end, stepMs),
  });
}

/** Every signal at one instant. */
export function readInstant(
  source: ConfiguredSource,
  at: number,
  signals: readonly SignalId[] = SIGNAL_IDS,
): Promise<Record<SignalId, SignalRead>> {
  return readEach(source, signals, {
    simulatorAll: async (sim) => {
      const values = await sim.valuesAt(at);
      const series = {} as Record<SignalId, Series>;
      for (const s of SIGNAL_IDS) series[s] = { labels: {}, points: [{ t: at, v: values[s] }] };
      return series;
    },
    prometheusOne: (prom, s) => prom.instant(s, at),
  });
}

export function isReadError(read: SignalRead): read is { error: string } {
  return !Array.isArray(read);
}
