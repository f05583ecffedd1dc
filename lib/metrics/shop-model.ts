// The embedded simulator's model of the online shop: every value is a pure function of
// (seed, time, fault injections). Nothing is stored, so any past time can be recomputed — after a
// restart the charts and the rule engine continue without a gap.
import type { AlertRuleName, SignalId } from "@/lib/domain/alert-rules";
import type { ScenarioSlug } from "@/lib/domain/scenarios";
import { SCENARIO_RULES } from "@/lib/domain/scenario-signals";

export interface FaultInjection {
  scenario: ScenarioSlug;
  startedAt: Date | number;
  /** null/undefined while the fault is still active */
  endedAt?: Date | number | null;
}

/** Faults ramp in over 45 s (smoothstep) and fade out over 60 s after they are cleared. */
export const FAULT_RAMP_IN_MS = 45_000;
export const FAULT_RAMP_OUT_MS = 60_000;
/** Coupon backlog (kafka-consumer-lag): grows 4 s of lag per second, drains 20 s per second after the fix (consumers scaled out). */
export const COUPON_LAG_GROWTH_PER_S = 4;
export const COUPON_LAG_DRAIN_PER_S = 20;
/** Asia/Seoul is UTC+9 all year (no daylight saving time). */
const SEOUL_OFFSET_H = 9;

/** Which of the manual's rules each fault is meant to trip (for drills and tests): the domain's scenario rules. */
export const FAULT_RULES: Readonly<Record<ScenarioSlug, readonly AlertRuleName[]>> = SCENARIO_RULES;

// ---------- deterministic value noise (no Math.random) ----------

/** A 32-bit seed from a number or a string (FNV-1a). */
export function seedOf(seed: number | string): number {
  if (typeof seed === "number") return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hash of (seed, channel, integer knot) → [-1, 1]. Knots may exceed 2^32 (split into hi/lo words). */
function hashUnit(seed: number, channel: number, knot: number): number {
  const lo = knot >>> 0;
  const hi = Math.floor(knot / 4294967296) >>> 0;
  let h = fmix(seed ^ Math.imul(channel + 1, 0x9e3779b1));
  h = fmix(h ^ lo);
  h = fmix(h ^ Math.imul(hi + 0x632be5ab, 0x27d4eb2d));
  return (h / 4294967295) * 2 - 1;
}

/** Smooth value noise: random values at knots every `periodMs`, smoothstep-interpolated. */
export function valueNoise(seed: number, channel: number, t: number, periodMs: number): number {
  const x = t / periodMs;
  const k = Math.floor(x);
  const f = x - k;
  const s = f * f * (3 - 2 * f);
  const a = hashUnit(seed, channel, k);
  const b = hashUnit(seed, channel, k + 1);
  return a + (b - a) * s;
}

/** Two octaves (1 min and 10 min), roughly in [-1, 1]. */
function noise(seed: number, channel: number, t: number): number {
  return 0.6 * valueNoise(seed, channel, t, 60_000) + 0.4 * valueNoise(seed, channel + 100, t, 600_000);
}

// ---------- daily pattern ----------

/** Hour of day in Asia/Seoul, fractional: 0 ≤ h < 24. */
export function seoulHour(t: number): number {
  const h = (t / 3_600_000 + SEOUL_OFFSET_H) % 24;
  return h < 0 ? h + 24 : h;
}

function bump(h: number, mu: number, sigma: number): number {
  let d = Math.abs(h - mu);
  if (d > 12) d = 24 - d;
  return Math.exp(-0.5 * (d / sigma) ** 2);
}

/**
 * Relative demand 0..1 by Seoul hour: low at night (≈0.15 around 04:00), a lunch bump, an evening peak
 * around 21:00 (≈0.85).
 */
export function dailyDemand(t: number): number {
  const h = seoulHour(t);
  return 0.12 + 0.3 * bump(h, 14, 4.5) + 0.22 * bump(h, 12.3, 1.2) + 0.62 * bump(h, 21, 2);
}

// ---------- faults ----------

function ms(t: Date | number): number {
  return typeof t === "number" ? t : t.getTime();
}

function smoothstep(x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return x * x * (3 - 2 * x);
}

/** How strongly a fault acts at `t`: 0 before it starts, ramps to 1, fades back to 0 after it ends. */
export function faultIntensity(fault: FaultInjection, t: number): number {
  const start = ms(fault.startedAt);
  if (t <= start) return 0;
  const rampIn = smoothstep((t - start) / FAULT_RAMP_IN_MS);
  if (fault.endedAt === null || fault.endedAt === undefined) return rampIn;
  const end = ms(fault.endedAt);
  if (t <= end) return rampIn;
  return Math.min(rampIn, 1 - smoothstep((t - end) / FAULT_RAMP_OUT_MS));
}

/** Extra coupon lag (s) of a kafka-consumer-lag fault: linear growth, then a linear drain. */
export function couponBacklogSeconds(fault: FaultInjection, t: number): number {
  const start = ms(fault.startedAt);
  if (t <= start) return 0;
  const end = fault.endedAt === null || fault.endedAt === undefined ? Infinity : ms(fault.endedAt);
  if (t <= end) return (COUPON_LAG_GROWTH_PER_S * (t - start)) / 1000;
  const peak = (COUPON_LAG_GROWTH_PER_S * (end - start)) / 1000;
  return Math.max(0, peak - (COUPON_LAG_DRAIN_PER_S * (t - end)) / 1000);
}

// ---------- the shop ----------

export type SignalValues = Record<SignalId, number>;

const CHANNEL: Record<SignalId, number> = {
  p95_latency: 1,
  error_ratio: 2,
  throughput: 3,
  cpu: 4,
  memory: 5,
  disk_free: 6,
  payment_failure_rate: 7,
  coupon_lag: 8,
};

/** Normal operation: no faults. */
export function baseline(seed: number, t: number): SignalValues {
  const d = dailyDemand(t);
  const n = (s: SignalId) => noise(seed, CHANNEL[s], t);
  // Disk: logs fill ~6 points a day, rotated at 03:00 Seoul time.
  const sinceRotation = (seoulHour(t) - 3 + 24) % 24;
  return {
    p95_latency: 0.22 + 0.18 * d + 0.03 * n("p95_latency"),
    error_ratio: Math.max(0, 0.003 + 0.004 * d + 0.0015 * n("error_ratio")),
    throughput: (25 + 340 * d) * (1 + 0.05 * n("throughput")),
    cpu: 18 + 45 * d + 3 * n("cpu"),
    memory: 58 + 12 * d + 2 * n("memory"),
    disk_free: 38 - (6 * sinceRotation) / 24 + 0.3 * n("disk_free"),
    payment_failure_rate: Math.max(0, 0.008 + 0.004 * d + 0.003 * n("payment_failure_rate")),
    coupon_lag: Math.max(0, 1.5 + 6 * d + n("coupon_lag")),
  };
}

/** All signals at `t` with the given faults applied. Pure. */
export function shopValues(seed: number, t: number, faults: readonly FaultInjection[]): SignalValues {
  const v = baseline(seed, t);
  let cpuTarget = 0;
  let cpuPull = 0;
  let throughputFactor = 1;
  const jitter = 0.5 + 0.5 * Math.abs(valueNoise(seed, 50, t, 30_000)); // 0.5..1, makes faults less flat
  for (const fault of faults) {
    if (fault.scenario === "kafka-consumer-lag") {
      v.coupon_lag += couponBacklogSeconds(fault, t);
      continue;
    }
    const f = faultIntensity(fault, t);
    if (f === 0) continue;
    switch (fault.scenario) {
      case "redis-lock-timeout":
        v.p95_latency += (2.0 + 0.8 * jitter) * f;
        v.payment_failure_rate += 0.2 * f;
        v.error_ratio += 0.01 * f;
        break;
      case "db-deadlock":
        v.error_ratio += 0.02 * f;
        v.payment_failure_rate += 0.16 * f;
        v.p95_latency += 0.5 * f;
        break;
      case "connection-pool-exhaustion":
        v.error_ratio += 0.3 * f;
        v.p95_latency += (3.5 + jitter) * f;
        throughputFactor *= 1 - 0.55 * f;
        break;
      case "slow-query-surge":
        v.p95_latency += (1.6 + 0.6 * jitter) * f;
        if (f > cpuPull) [cpuPull, cpuTarget] = [f, 91];
        break;
      case "redis-cache-down":
        v.p95_latency += (1.2 + 0.5 * jitter) * f;
        v.error_ratio += 0.025 * f;
        if (f > cpuPull) [cpuPull, cpuTarget] = [f, 87];
        break;
    }
  }
  v.throughput *= throughputFactor;
  if (cpuPull > 0) v.cpu += (cpuTarget + 2 * noise(seed, 60, t) - v.cpu) * cpuPull;
  v.error_ratio = Math.min(1, v.error_ratio);
  v.payment_failure_rate = Math.min(1, v.payment_failure_rate);
  v.cpu = Math.min(100, Math.max(0, v.cpu));
  return v;
}
