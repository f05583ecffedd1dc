import "server-only";
// GET /api/v1/alerts: every rule with its state, value and how long, the Alertmanager alerts, the
// running drill. Read from the database (what the last evaluation wrote), so every instance and every
// dashboard shows the same thing without querying the metric source again.
import { prisma } from "../db";
import { afterKeyset } from "../pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { now as clockNow } from "../clock";
import { alertsConfig } from "./config";
import { describeSource } from "../metrics/source";
import { getAlertSettings } from "./settings";
import { labelsOf, readEngineRow } from "./state-store";
import { autoOpens, canOpenFromRule, OPENABLE } from "./incident-link";
import { findActiveDrill, getDrill, type DrillDto } from "./drills";
import { ALERT_RULES, type AlertRule } from "@/lib/domain/alert-rules";
import { severityFromLabels } from "@/lib/domain/alertmanager";
import type { Severity } from "@/lib/domain/severity";
import type { Labels } from "@/lib/domain/rule-engine";

export type RuleState = "inactive" | "pending" | "firing";
export type RuleEvaluation = "ok" | "error" | "no_data" | "unknown";

export interface IncidentRef {
  id: number;
  title: string;
  status: string;
  isDrill: boolean;
}

export interface RuleAlertDto {
  id: string;
  labels: Labels;
  state: RuleState;
  value: number | null;
  activeAt: string | null;
  firedAt: string | null;
  resolvedAt: string | null;
  incident: IncidentRef | null;
}

export interface RuleStateDto {
  name: string;
  group: AlertRule["group"];
  signal: AlertRule["signal"];
  unit: AlertRule["unit"];
  comparator: AlertRule["comparator"];
  threshold: number;
  forMs: number;
  severity: Severity;
  team: string | null;
  description: { ko: string; en: string };
  /** the worst of its alerts */
  state: RuleState;
  /** the alert (series) that decides the state; null before the first evaluation */
  current: RuleAlertDto | null;
  alerts: RuleAlertDto[];
  health: "unknown" | "ok" | "err";
  lastError: string | null;
  /** whether the rule could be evaluated: "error" (the source failed; the state shown is the last
   * known one), "no_data" (the source answered with nothing), "unknown" (not evaluated yet) */
  evaluation: RuleEvaluation;
  canOpen: boolean;
  autoOpens: boolean;
}

export interface ExternalAlertDto {
  fingerprint: string;
  alertname: string;
  status: string;
  severity: Severity | null;
  labels: Labels;
  summary: string | null;
  startsAt: string;
  endsAt: string | null;
  lastSeenAt: string;
  repeats: number;
  incident: IncidentRef | null;
  canOpen: boolean;
}

export interface AlertsDto {
  now: string;
  intervalMs: number;
  lastEvaluated: string | null;
  source: { kind: "simulator" | "prometheus"; url: string | null };
  autoOpen: boolean;
  rules: RuleStateDto[];
  /** how many rules are in which state; `error`, `noData` and `unknown` rules are not "OK" */
  ruleSummary: { total: number; firing: number; pending: number; ok: number; error: number; noData: number; unknown: number };
  /** the first page of Alertmanager's alerts (firing first, newest first); never cut silently: */
  external: ExternalAlertDto[];
  /** every alert of the window (firing, or seen within the last hour) and how many of them fire */
  externalTotal: number;
  externalFiring: number;
  /** the next page: GET /api/v1/alerts/external?cursor=… */
  externalNextCursor: string | null;
  activeDrill: DrillDto | null;
}

export interface ExternalPage {
  items: ExternalAlertDto[];
  nextCursor: string | null;
  total: number;
}

const RANK: Record<RuleState, number> = { inactive: 0, pending: 1, firing: 2 };
const iso = (d: Date | null) => d?.toISOString() ?? null;
const asState = (s: string): RuleState => (s === "pending" || s === "firing" ? s : "inactive");

export async function readAlerts(): Promise<AlertsDto> {
  const config = alertsConfig();
  const [engine, rows, externalPage, settings, drill] = await Promise.all([
    readEngineRow(),
    prisma.alertState.findMany({ orderBy: { id: "asc" } }),
    readExternalPage({ limit: DEFAULT_PAGE }),
    getAlertSettings(),
    findActiveDrill(),
  ]);
  const incidentIds = rows.flatMap((r) => (r.incidentId && r.incidentId > 0 ? [r.incidentId] : []));
  const incidents = incidentIds.length
    ? await prisma.incident.findMany({
        where: { id: { in: [...new Set(incidentIds)] } },
        select: { id: true, title: true, status: true, isDrill: true },
      })
    : [];
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const ref = (id: number | null): IncidentRef | null => (id && id > 0 ? (byId.get(id) ?? null) : null);

  const rules = ALERT_RULES.map((rule): RuleStateDto => {
    const alerts = rows
      .filter((r) => r.ruleName === rule.name)
      .map((r): RuleAlertDto => ({
        id: r.id,
        labels: labelsOf(r.labels),
        state: asState(r.state),
        value: r.value,
        activeAt: r.state === "inactive" ? null : iso(r.activeAt),
        firedAt: r.state === "firing" ? iso(r.firedAt) : null,
        resolvedAt: iso(r.resolvedAt),
        incident: ref(r.incidentId),
      }))
      .sort((a, b) => RANK[b.state] - RANK[a.state]);
    const health = engine.meta.rules[rule.name];
    const evaluation: RuleEvaluation =
      health?.health === "err" ? "error" : health?.noData ? "no_data" : !health || health.health === "unknown" ? "unknown" : "ok";
    return {
      name: rule.name,
      group: rule.group,
      signal: rule.signal,
      unit: rule.unit,
      comparator: rule.comparator,
      threshold: rule.threshold,
      forMs: rule.forMs,
      severity: rule.severity,
      team: rule.action.kind === "notify" ? rule.action.team : null,
      description: rule.description,
      state: alerts[0]?.state ?? "inactive",
      current: alerts[0] ?? null,
      alerts,
      health: health?.health ?? "unknown",
      lastError: health?.lastError ?? null,
      evaluation,
      canOpen: canOpenFromRule(rule),
      autoOpens: autoOpens(rule),
    };
  });

  const count = (pred: (r: RuleStateDto) => boolean) => rules.filter(pred).length;
  const ruleSummary = {
    total: rules.length,
    firing: count((r) => r.state === "firing"),
    pending: count((r) => r.state === "pending"),
    ok: count((r) => r.state === "inactive" && r.evaluation === "ok"),
    error: count((r) => r.evaluation === "error"),
    noData: count((r) => r.evaluation === "no_data"),
    unknown: count((r) => r.evaluation === "unknown"),
  };

  return {
    now: clockNow().toISOString(),
    intervalMs: config.intervalMs,
    lastEvaluated: engine.meta.lastEvaluated === null ? null : new Date(engine.meta.lastEvaluated).toISOString(),
    source: describeSource(),
    autoOpen: settings.autoOpen,
    rules,
    ruleSummary,
    external: externalPage.items,
    externalTotal: externalPage.total,
    externalFiring: externalPage.firing,
    externalNextCursor: externalPage.nextCursor,
    activeDrill: drill ? await getDrill(drill.id) : null,
  };
}

// ---------- Alertmanager's alerts, page by page ----------

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;
const WINDOW_MS = 3_600_000;

type Cursor = [status: string, startsAt: string, fingerprint: string];

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

/** The cursor back, or null when it is not one of ours. */
export function decodeCursor(raw: string): Cursor | null {
  try {
    const c: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(c) && c.length === 3 && c.every((x) => typeof x === "string") && !Number.isNaN(Date.parse(c[1] as string)))
      return c as Cursor;
  } catch {
    // not ours
  }
  return null;
}

/**
 * One page of the window's Alertmanager alerts (firing, or seen within the last hour): firing first
 * ("firing" sorts before "resolved"), newest first, then by fingerprint — a stable keyset order, so a
 * page never repeats or skips an alert because others arrived meanwhile.
 */
export async function readExternalPage(
  options: { limit?: number; cursor?: Cursor | null; firingOnly?: boolean } = {},
): Promise<ExternalPage & { firing: number }> {
  const limit = Math.min(Math.max(options.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
  const window = options.firingOnly
    ? { status: "firing" }
    : { OR: [{ status: "firing" }, { lastSeenAt: { gte: new Date(clockNow().getTime() - WINDOW_MS) } }] };
  const c = options.cursor;
  const after = c
    ? afterKeyset<Prisma.AlertmanagerAlertWhereInput>([
        ["status", "gt", c[0]],
        ["startsAt", "lt", new Date(c[1])],
        ["fingerprint", "gt", c[2]],
      ])
    : {};
  const [rows, total, firing] = await Promise.all([
    prisma.alertmanagerAlert.findMany({
      where: { AND: [window, after] },
      orderBy: [{ status: "asc" }, { startsAt: "desc" }, { fingerprint: "asc" }],
      take: limit + 1,
    }),
    prisma.alertmanagerAlert.count({ where: window }),
    prisma.alertmanagerAlert.count({ where: { status: "firing" } }),
  ]);
  const page = rows.slice(0, limit);
  const ids = [...new Set(page.flatMap((r) => (r.incidentId && r.incidentId > 0 ? [r.incidentId] : [])))];
  const incidents = ids.length
    ? await prisma.incident.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, status: true, isDrill: true } })
    : [];
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const items = page.map((r): ExternalAlertDto => {
    const labels = labelsOf(r.labels);
    const annotations = labelsOf(r.annotations);
    const severity = severityFromLabels(labels)?.severity ?? null;
    return {
      fingerprint: r.fingerprint,
      alertname: r.alertname,
      status: r.status,
      severity,
      labels,
      summary: annotations.summary ?? annotations.description ?? null,
      startsAt: r.startsAt.toISOString(),
      endsAt: iso(r.endsAt),
      lastSeenAt: r.lastSeenAt.toISOString(),
      repeats: r.repeats,
      incident: r.incidentId && r.incidentId > 0 ? (byId.get(r.incidentId) ?? null) : null,
      canOpen: severity !== null && OPENABLE.includes(severity),
    };
  });
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor([last.status, last.startsAt.toISOString(), last.fingerprint]) : null;
  return { items, nextCursor, total, firing };
}
