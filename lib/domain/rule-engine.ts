// Alert rule evaluation with Prometheus alerting semantics. Pure: the caller passes `now`.
//
// Per rule and per series (label set):
//   inactive → pending   the first evaluation where the condition is true (activeAt = that evaluation)
//   pending  → firing    at the first evaluation where now - activeAt ≥ for (for = 0: in the same evaluation)
//   firing   → inactive  at the first evaluation where the condition is false or the series is missing:
//                        a "resolved" transition
//   pending  → inactive  the alert just disappears (no transition); the next true evaluation starts `for` again
// A series missing while the rule's other series report counts as "condition false" (that series is
// gone: resolved, as in Prometheus). "No data" is its own state, never a recovery: when the query
// answers with nothing at all (an empty vector, e.g. right after a Prometheus restart, or only NaN
// samples) the rule is marked noData, firing alerts stay firing (one "nodata" transition says so) and
// pending ones are dropped (nobody saw the condition hold); a NaN sample of one series keeps that
// series' alert as it is. A failed query (markError) leaves the alerts as they are, like Prometheus
// does when a rule's expression fails.
// Pass the *scheduled* evaluation time (evaluationSlot), not the wall clock after a timer fired: with
// jittery timestamps (e.g. 13.004 s → 19.002 s) a 6 s `for` would only fire one interval later.
import { conditionHolds, type AlertRule, type SignalId } from "./alert-rules";

export type Labels = Record<string, string>;
/** One point of a series: `t` in epoch milliseconds. */
export interface Point {
  t: number;
  v: number;
}
/** A labelled series; points ascending by `t`. Series of one query need not have equal lengths. */
export interface Series {
  labels: Labels;
  points: Point[];
}
/** The value of one series at the evaluation time (an instant-vector element). */
export interface Sample {
  labels: Labels;
  value: number;
}

/** What the engine needs of a rule; tests and the differential test pass shorter `forMs`. */
export type EvaluableRule = Pick<AlertRule, "name" | "comparator" | "threshold" | "forMs">;

export type AlertState = "pending" | "firing";
export type RuleStatus = "inactive" | "pending" | "firing";

export interface ActiveAlert {
  key: string;
  labels: Labels;
  state: AlertState;
  /** epoch ms of the evaluation where the condition became true (start of pending) */
  activeAt: number;
  /** epoch ms of the evaluation where the alert started firing */
  firedAt: number | null;
  /** the last sample value */
  value: number;
}

/** JSON-serialisable state of one rule; store it between evaluations. */
export interface RuleEvalState {
  rule: string;
  /** active (pending or firing) alerts, one per label set, in the order of the last evaluation */
  alerts: ActiveAlert[];
  lastEvaluation: number | null;
  health: "unknown" | "ok" | "err";
  lastError: string | null;
  /** the last evaluation's query answered, with no usable sample (see the header) */
  noData?: boolean;
}

export interface Transition {
  rule: string;
  key: string;
  labels: Labels;
  /** "nodata": a firing alert whose rule lost its data; it stays firing (not a recovery) */
  to: "pending" | "firing" | "resolved" | "nodata";
  /** epoch ms of the evaluation that made the transition */
  at: number;
  activeAt: number;
  firedAt: number | null;
  value: number;
}

export interface EvalResult {
  state: RuleEvalState;
  transitions: Transition[];
}

export interface EvalOptions {
  /**
   * If the previous evaluation is older than this, pending alerts start `for` again: nobody saw the
   * condition hold in between. Default: no limit (like Prometheus within one run).
   */
  maxGapMs?: number;
}

export function initialRuleState(rule: Pick<EvaluableRule, "name">): RuleEvalState {
  return { rule: rule.name, alerts: [], lastEvaluation: null, health: "unknown", lastError: null, noData: false };
}

function toMs(now: Date | number): number {
  return typeof now === "number" ? now : now.getTime();
}

/** The evaluation slot of `now` on a fixed grid of `intervalMs` (Prometheus evaluates on such a grid). */
export function evaluationSlot(now: Date | number, intervalMs: number): number {
  if (!(intervalMs > 0)) throw new RangeError("intervalMs must be positive");
  const t = toMs(now);
  return t - (((t % intervalMs) + intervalMs) % intervalMs);
}

/** A stable key for a label set (`__name__` dropped, as Prometheus does for alerts). */
export function seriesKey(labels: Labels): string {
  const names: string[] = [];
  for (const n in labels) if (n !== "__name__") names.push(n);
  if (names.length === 0) return "{}";
  if (names.length > 1) names.sort();
  let out = "{";
  for (let i = 0; i < names.length; i++) out += `${i ? "," : ""}${names[i]}=${JSON.stringify(labels[names[i]])}`;
  return `${out}}`;
}

function alertLabels(labels: Labels): Labels {
  if (!("__name__" in labels)) return { ...labels };
  const copy: Labels = { ...labels };
  delete copy.__name__;
  return copy;
}

/**
 * Evaluate one rule at `now` against the signal's current samples. Returns the new state (the old
 * one is not modified) and the transitions of this evaluation. An evaluation older than the last one
 * is ignored (returns the state unchanged).
 */
export function evaluate(
  state: RuleEvalState,
  rule: EvaluableRule,
  samples: readonly Sample[],
  now: Date | number,
  options: EvalOptions = {},
): EvalResult {
  const t = toMs(now);
  if (state.lastEvaluation !== null && t < state.lastEvaluation) return { state, transitions: [] };
  const gap = options.maxGapMs !== undefined && state.lastEvaluation !== null && t - state.lastEvaluation > options.maxGapMs;

  const previous = new Map<string, ActiveAlert>();
  for (const a of state.alerts) previous.set(a.key, a);
  const current = new Map<string, ActiveAlert>();
  const transitions: Transition[] = [];
  const emit = (a: ActiveAlert, to: Transition["to"]) =>
    transitions.push({
      rule: rule.name,
      key: a.key,
      labels: a.labels,
      to,
      at: t,
      activeAt: a.activeAt,
      firedAt: a.firedAt,
      value: a.value,
    });

  // No usable sample at all: no data. Firing alerts are kept (and said to have lost their data once),
  // pending ones dropped; nothing resolves.
  if (!samples.some((x) => Number.isFinite(x.value))) {
    const kept = state.alerts.filter((a) => a.state === "firing");
    if (!state.noData) for (const a of kept) emit(a, "nodata");
    return {
      state: { rule: state.rule, alerts: kept, lastEvaluation: t, health: "ok", lastError: null, noData: true },
      transitions,
    };
  }

  for (const sample of samples) {
    if (!Number.isFinite(sample.value)) {
      // this series has no value now: its alert stays as it was
      const key = seriesKey(sample.labels);
      const prev = previous.get(key);
      if (prev && !current.has(key)) current.set(key, prev);
      continue;
    }
    if (!conditionHolds(rule, sample.value)) continue;
    const key = seriesKey(sample.labels);
    if (current.has(key)) continue; // duplicate label set in one vector: the first one counts
    const prev = previous.get(key);
    const restart = !prev || (gap && prev.state === "pending");
    const alert: ActiveAlert = restart
      ? { key, labels: alertLabels(sample.labels), state: "pending", activeAt: t, firedAt: null, value: sample.value }
      : {
          key,
          labels: prev.labels,
          state: prev.state,
          activeAt: prev.activeAt,
          firedAt: prev.firedAt,
          value: sample.value,
        };
    if (alert.state === "pending" && t - alert.activeAt >= rule.forMs) {
      alert.state = "firing";
      alert.firedAt = t;
      emit(alert, "firing");
    } else if (restart) {
      emit(alert, "pending");
    }
    current.set(key, alert);
  }

  for (const prev of state.alerts) {
    if (prev.state === "firing" && !current.has(prev.key)) emit(prev, "resolved");
  }

  return {
    state: { rule: state.rule, alerts: [...current.values()], lastEvaluation: t, health: "ok", lastError: null, noData: false },
    transitions,
  };
}

/** A failed query: keep the alerts as they are, record the error (Prometheus: health "err"). */
export function markError(state: RuleEvalState, error: string, now: Date | number): RuleEvalState {
  const t = toMs(now);
  if (state.lastEvaluation !== null && t < state.lastEvaluation) return state;
  return { ...state, lastEvaluation: t, health: "err", lastError: error };
}

/** The rule's overall state: the "worst" of its alerts. */
export function ruleStatus(state: RuleEvalState): RuleStatus {
  let status: RuleStatus = "inactive";
  for (const a of state.alerts) {
    if (a.state === "firing") return "firing";
    status = "pending";
  }
  return status;
}

/** Per-signal input of one evaluation round: the samples, or the error of the failed query. */
export type SignalInput = readonly Sample[] | { error: string };

function isSampleList(input: SignalInput): input is readonly Sample[] {
  return Array.isArray(input);
}

export interface RoundRule extends EvaluableRule {
  signal: SignalId;
}

/**
 * Evaluate several rules in one round. A signal without input counts as a failed query
 * ("not queried"): its rules keep their alerts.
 */
export function evaluateRules(
  states: Readonly<Record<string, RuleEvalState>>,
  rules: readonly RoundRule[],
  inputs: Partial<Record<SignalId, SignalInput>>,
  now: Date | number,
  options: EvalOptions = {},
): { states: Record<string, RuleEvalState>; transitions: Transition[] } {
  const next: Record<string, RuleEvalState> = { ...states };
  const transitions: Transition[] = [];
  for (const rule of rules) {
    const prev = states[rule.name] ?? initialRuleState(rule);
    const input = inputs[rule.signal];
    if (input === undefined || !isSampleList(input)) {
      const error = input === undefined ? `signal ${rule.signal} was not queried` : input.error;
      next[rule.name] = markError(prev, error, now);
      continue;
    }
    const result = evaluate(prev, rule, input, now, options);
    next[rule.name] = result.state;
    transitions.push(...result.transitions);
  }
  return { states: next, transitions };
}

/** The latest point of a series at or before `at`, within `lookbackMs` (Prometheus default 5 min). */
export function valueAt(series: Series, at: number, lookbackMs = 5 * 60_000): number | undefined {
  const pts = series.points;
  let lo = 0;
  let hi = pts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pts[mid].t <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0 || at - pts[found].t > lookbackMs) return undefined;
  return pts[found].v;
}

/** The instant vector of a range result at `at` (series without a recent point are left out). */
export function samplesAt(series: readonly Series[], at: number, lookbackMs?: number): Sample[] {
  const out: Sample[] = [];
  for (const s of series) {
    const v = valueAt(s, at, lookbackMs);
    if (v !== undefined) out.push({ labels: s.labels, value: v });
  }
  return out;
}

/**
 * Re-run a rule over past data, one evaluation per `stepMs` from `start` to `end` inclusive — e.g. to
 * rebuild the state after a restart from a source that can recompute the past (the simulator, or
 * Prometheus' query_range). Returns the final state and every transition on the way.
 */
export function replay(
  rule: EvaluableRule,
  series: readonly Series[],
  start: number,
  end: number,
  stepMs: number,
  from: RuleEvalState = initialRuleState(rule),
  lookbackMs?: number,
): EvalResult {
  if (!(stepMs > 0)) throw new RangeError("stepMs must be positive");
  let state = from;
  const transitions: Transition[] = [];
  for (let t = start; t <= end; t += stepMs) {
    const r = evaluate(state, rule, samplesAt(series, t, lookbackMs), t);
    state = r.state;
    transitions.push(...r.transitions);
  }
  return { state, transitions };
}
