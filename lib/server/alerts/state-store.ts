import "server-only";
// Rule state between evaluations, in the database so every app instance (and every restart) continues
// from the same place:
// - AlertState: one row per rule and label set (id = rule name + canonical labels), with its current
//   state, the times of the last episode, the last value and the incident opened from it;
// - AppSetting "alerts.engine": the evaluation clock. Its updatedAt is the last *claimed* slot (the
//   claim is an UPDATE … WHERE updatedAt = <what I read>), its value the last successful evaluation and
//   each rule's health.
import { prisma, type DB } from "../db";
import { isUniqueViolation } from "../db-errors";
import { ALERT_RULES, isAlertRuleName } from "@/lib/domain/alert-rules";
import { initialRuleState, seriesKey, type ActiveAlert, type Labels, type RuleEvalState } from "@/lib/domain/rule-engine";
import { toJsonValue } from "../json";

export const ENGINE_KEY = "alerts.engine";

export interface RuleHealth {
  health: "unknown" | "ok" | "err";
  lastError: string | null;
  /** the last evaluation's query answered with no usable sample */
  noData?: boolean;
}

export interface EngineMeta {
  /** epoch ms of the last evaluation that read the source successfully; catch-up starts after it */
  lastEvaluated: number | null;
  /** the instance that claimed the last slot */
  instance: string | null;
  rules: Record<string, RuleHealth>;
}

export interface EngineRow {
  claimedSlot: Date;
  meta: EngineMeta;
}

/** A client inside an interactive transaction. */
export type Tx = Omit<DB, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function alertId(rule: string, labels: Labels): string {
  return `${rule}${seriesKey(labels)}`;
}

export function parseMeta(value: unknown): EngineMeta {
  const meta: EngineMeta = { lastEvaluated: null, instance: null, rules: {} };
  if (!value || typeof value !== "object") return meta;
  const v = value as Record<string, unknown>;
  if (typeof v.lastEvaluated === "number" && Number.isFinite(v.lastEvaluated)) meta.lastEvaluated = v.lastEvaluated;
  if (typeof v.instance === "string") meta.instance = v.instance;
  if (v.rules && typeof v.rules === "object") {
    for (const [name, h] of Object.entries(v.rules as Record<string, unknown>)) {
      if (!isAlertRuleName(name) || !h || typeof h !== "object") continue;
      const r = h as Record<string, unknown>;
      const health = r.health === "ok" || r.health === "err" ? r.health : "unknown";
      meta.rules[name] = { health, lastError: typeof r.lastError === "string" ? r.lastError : null, noData: r.noData === true };
    }
  }
  return meta;
}

/** The engine row, created on first use (epoch 0 = nothing claimed yet); a concurrent creator is fine. */
export async function readEngineRow(db: DB = prisma): Promise<EngineRow> {
  let row = await db.appSetting.findUnique({ where: { key: ENGINE_KEY } });
  if (!row) {
    const empty: EngineMeta = { lastEvaluated: null, instance: null, rules: {} };
    try {
      row = await db.appSetting.create({ data: { key: ENGINE_KEY, value: toJsonValue(empty), updatedAt: new Date(0) } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      row = await db.appSetting.findUniqueOrThrow({ where: { key: ENGINE_KEY } });
    }
  }
  return { claimedSlot: row.updatedAt, meta: parseMeta(row.value) };
}

/** Claim `slot` if nobody claimed anything since `seen`; true when this caller won. */
export async function claimSlot(tx: Tx, seen: Date, slot: number, meta: EngineMeta): Promise<boolean> {
  const claimed = await tx.appSetting.updateMany({
    where: { key: ENGINE_KEY, updatedAt: seen },
    data: { updatedAt: new Date(slot), value: toJsonValue(meta) },
  });
  return claimed.count === 1;
}

export type AlertStateRow = Awaited<ReturnType<DB["alertState"]["findMany"]>>[number];

export function labelsOf(value: unknown): Labels {
  const out: Labels = {};
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === "string") out[k] = v;
  }
  return out;
}

/** The rule engine's state, rebuilt from the active (pending/firing) rows and the stored health. */
export function statesFromRows(rows: readonly AlertStateRow[], meta: EngineMeta): Record<string, RuleEvalState> {
  const states: Record<string, RuleEvalState> = {};
  for (const rule of ALERT_RULES) {
    const h = meta.rules[rule.name];
    states[rule.name] = {
      ...initialRuleState(rule),
      lastEvaluation: meta.lastEvaluated,
      health: h?.health ?? "unknown",
      lastError: h?.lastError ?? null,
      noData: h?.noData ?? false,
    };
  }
  for (const row of rows) {
    const state = states[row.ruleName];
    if (!state || (row.state !== "pending" && row.state !== "firing") || !row.activeAt) continue;
    const labels = labelsOf(row.labels);
    const alert: ActiveAlert = {
      key: seriesKey(labels),
      labels,
      state: row.state,
      activeAt: row.activeAt.getTime(),
      firedAt: row.state === "firing" && row.firedAt ? row.firedAt.getTime() : null,
      value: row.value ?? NaN,
    };
    state.alerts.push(alert);
  }
  return states;
}
