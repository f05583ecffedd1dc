import "server-only";
// One evaluation of the manual's eight rules, safe to call from every app instance:
//   1. the slot is the current time on the evaluation grid (evaluationSlot), never the timer's jitter;
//   2. the source is read for every slot since the last successful evaluation (catch-up after a restart,
//      an outage or a test-clock jump, bounded by MAX_CATCH_UP_MS), so `for:` is decided at the same
//      evaluation times Prometheus would use and no transition is lost;
//   3. the state is rebuilt from AlertState and evaluated step by step; then one short transaction
//      claims the slot (UPDATE … WHERE updatedAt = what I read: exactly one instance wins) and writes
//      states, health and an audit row per transition. On PostgreSQL a second instance waits on the
//      claimed row and then loses, so nobody commits a state computed from stale rows;
//   4. after the commit, the winner alone acts on the transitions (incidents, timeline) and publishes.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { writeAudit } from "../audit";
import { publish } from "../change-bus";
import { alertsConfig } from "./config";
import { ALERTS_TOPIC } from "./topics";
import { metricSource, readInstant, readRange, isReadError, type ConfiguredSource, type SignalRead } from "../metrics/source";
import { alertId, claimSlot, readEngineRow, statesFromRows, type EngineMeta, type Tx } from "./state-store";
import { engineActor } from "./actors";
import { actOnTransitions } from "./transitions";
import { ALERT_RULES, SIGNAL_IDS, type SignalId } from "@/lib/domain/alert-rules";
import {
  evaluateRules,
  evaluationSlot,
  samplesAt,
  type RuleEvalState,
  type Sample,
  type SignalInput,
  type Transition,
} from "@/lib/domain/rule-engine";
import { toSamples } from "@/lib/metrics/source";

/** Longest window re-evaluated after a gap; beyond it pending alerts start `for` again. */
export const MAX_CATCH_UP_MS = 60 * 60_000;
/** Series per rule whose (inactive) values are stored for the panel; active alerts are always stored. */
const MAX_STORED_SERIES = 50;

export const INSTANCE_ID = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;

export interface EvaluationOptions {
  at?: Date;
  source?: ConfiguredSource;
  intervalMs?: number;
  instanceId?: string;
  /** override the auto-open setting (tests) */
  autoOpen?: boolean;
}

export interface EvaluationResult {
  claimed: boolean;
  slot: number;
  /** evaluation times of this run (more than one after a gap) */
  steps: number;
  transitions: Transition[];
  /** incidents opened automatically */
  opened: number[];
}

function stepsFor(meta: EngineMeta, slot: number, intervalMs: number): number[] {
  const last = meta.lastEvaluated;
  if (last === null || last >= slot) return [slot];
  const first = Math.max(last + intervalMs, evaluationSlot(slot - MAX_CATCH_UP_MS, intervalMs));
  const steps: number[] = [];
  for (let t = first; t <= slot; t += intervalMs) steps.push(t);
  return steps.length ? steps : [slot];
}

function inputsAt(reads: Record<SignalId, SignalRead>, t: number, single: boolean): Partial<Record<SignalId, SignalInput>> {
  const inputs: Partial<Record<SignalId, SignalInput>> = {};
  for (const s of SIGNAL_IDS) {
    const read = reads[s];
    if (!read) continue;
    inputs[s] = isReadError(read) ? read : single ? toSamples(read) : samplesAt(read, t);
  }
  return inputs;
}

/** Run one evaluation for the current slot (or `options.at`). Returns claimed=false if another instance has it. */
export async function runEvaluation(options: EvaluationOptions = {}): Promise<EvaluationResult> {
  const intervalMs = options.intervalMs ?? alertsConfig().intervalMs;
  const slot = evaluationSlot(options.at ?? clockNow(), intervalMs);
  const none: EvaluationResult = { claimed: false, slot, steps: 0, transitions: [], opened: [] };
  const engine = await readEngineRow();
  if (engine.claimedSlot.getTime() >= slot) return none;

  // Read and evaluate outside the transaction. The claim below succeeds only if no other instance
  // claimed a slot since `engine` was read, and claimants write their states in the claiming
  // transaction, so the rows read here are exactly the ones the claim protects.
  const rows = await prisma.alertState.findMany({ where: { state: { in: ["pending", "firing"] } } });
  const source = options.source ?? metricSource();
  const steps = stepsFor(engine.meta, slot, intervalMs);
  const single = steps.length === 1;
  const reads = single ? await readInstant(source, slot) : await readRange(source, steps[0], slot, intervalMs);
  const anyOk = SIGNAL_IDS.some((s) => !isReadError(reads[s]));

  let states: Record<string, RuleEvalState> = statesFromRows(rows, engine.meta);
  const transitions: Transition[] = [];
  for (const t of steps) {
    const round = evaluateRules(states, ALERT_RULES, inputsAt(reads, t, single), t, { maxGapMs: MAX_CATCH_UP_MS });
    states = round.states;
    transitions.push(...round.transitions);
  }
  const meta: EngineMeta = {
    lastEvaluated: anyOk ? slot : engine.meta.lastEvaluated,
    instance: options.instanceId ?? INSTANCE_ID,
    rules: Object.fromEntries(
      ALERT_RULES.map((r) => [
        r.name,
        { health: states[r.name].health, lastError: states[r.name].lastError, noData: states[r.name].noData ?? false },
      ]),
    ),
  };
  const healthChanged = ALERT_RULES.some(
    (r) =>
      (engine.meta.rules[r.name]?.health ?? "unknown") !== meta.rules[r.name].health ||
      (engine.meta.rules[r.name]?.noData ?? false) !== meta.rules[r.name].noData,
  );

  const outcome = await prisma.$transaction(async (tx) => {
    if (!(await claimSlot(tx, engine.claimedSlot, slot, meta))) return null;
    await writeStates(tx, rows, states, inputsAt(reads, slot, single), transitions, slot);
    for (const tr of transitions) {
      await writeAudit(tx, engineActor(tr.rule), {
        action: `alert.${tr.to}`,
        entity: "alert",
        entityId: alertId(tr.rule, tr.labels),
        after: {
          state: tr.to,
          value: Number.isFinite(tr.value) ? tr.value : null,
          activeAt: new Date(tr.activeAt).toISOString(),
          firedAt: tr.firedAt ? new Date(tr.firedAt).toISOString() : null,
        },
        at: new Date(tr.at),
      });
    }
    return { transitions, healthChanged };
  });
  if (!outcome) return none;

  const opened = await actOnTransitions(outcome.transitions, { autoOpen: options.autoOpen });
  if (outcome.transitions.length > 0 || outcome.healthChanged) await publish(ALERTS_TOPIC);
  return { claimed: true, slot, steps: steps.length, transitions: outcome.transitions, opened };
}

async function writeStates(
  tx: Tx,
  before: readonly { id: string; ruleName: string }[],
  states: Record<string, RuleEvalState>,
  lastInputs: Partial<Record<SignalId, SignalInput>>,
  transitions: readonly Transition[],
  slot: number,
): Promise<void> {
  const updatedAt = new Date(slot);
  const resolvedAt = new Map<string, number>();
  for (const tr of transitions) if (tr.to === "resolved") resolvedAt.set(alertId(tr.rule, tr.labels), tr.at);
  const written = new Set<string>();

  for (const rule of ALERT_RULES) {
    for (const a of states[rule.name].alerts) {
      const id = alertId(rule.name, a.labels);
      written.add(id);
      const value = Number.isFinite(a.value) ? a.value : null;
      const common = { state: a.state, activeAt: new Date(a.activeAt), value, updatedAt };
      const fired = a.state === "firing" && a.firedAt !== null ? { firedAt: new Date(a.firedAt) } : {};
      await tx.alertState.upsert({
        where: { id },
        update: { ...common, ...fired },
        create: { id, ruleName: rule.name, labels: a.labels, ...common, firedAt: fired.firedAt ?? null },
      });
    }
    const input = lastInputs[rule.signal];
    const samples: readonly Sample[] = input && Array.isArray(input) ? input : [];
    for (const s of samples.slice(0, MAX_STORED_SERIES)) {
      const id = alertId(rule.name, s.labels);
      if (written.has(id)) continue;
      written.add(id);
      const value = Number.isFinite(s.value) ? s.value : null;
      const resolved = resolvedAt.get(id);
      await tx.alertState.upsert({
        where: { id },
        update: { state: "inactive", value, updatedAt, ...(resolved ? { resolvedAt: new Date(resolved) } : {}) },
        create: {
          id,
          ruleName: rule.name,
          labels: s.labels,
          state: "inactive",
          value,
          updatedAt,
          resolvedAt: resolved ? new Date(resolved) : null,
        },
      });
    }
  }
  // Alerts that were active and are gone (series vanished, or the query failed for good).
  for (const row of before) {
    if (written.has(row.id)) continue;
    const resolved = resolvedAt.get(row.id);
    await tx.alertState.update({
      where: { id: row.id },
      data: { state: "inactive", updatedAt, ...(resolved ? { resolvedAt: new Date(resolved) } : {}) },
    });
  }
}
