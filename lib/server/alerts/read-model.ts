import "server-only";
// GET /api/v1/alerts: every rule with its state, value and how long, the Alertmanager alerts, the
// running drill. Read from the database (what the last evaluation wrote), so every instance and every
// dashboard shows the same thing without querying the metric source again.
import { prisma } from "../db";
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
  external: ExternalAlertDto[];
  activeDrill: DrillDto | null;
}

const RANK: Record<RuleState, number> = { inactive: 0, pending: 1, firing: 2 };
const iso = (d: Date | null) => d?.toISOString() ?? null;
const asState = (s: string): RuleState => (s === "pending" || s === "firing" ? s : "inactive");

export async function readAlerts(): Promise<AlertsDto> {
  const config = alertsConfig();
  const [engine, rows, externalRows, settings, drill] = await Promise.all([
    readEngineRow(),
    prisma.alertState.findMany({ orderBy: { id: "asc" } }),
    prisma.alertmanagerAlert.findMany({
      where: { OR: [{ status: "firing" }, { lastSeenAt: { gte: new Date(clockNow().getTime() - 3_600_000) } }] },
      orderBy: { startsAt: "desc" },
      take: 50,
    }),
    getAlertSettings(),
    findActiveDrill(),
  ]);
  const incidentIds = [...rows, ...externalRows].flatMap((r) => (r.incidentId && r.incidentId > 0 ? [r.incidentId] : []));
  const incidents = incidentIds.length
    ? await prisma.incident.findMany({ where: { id: { in: [...new Set(incidentIds)] } }, select: { id: true, title: true, status: true, isDrill: true } })
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
      canOpen: canOpenFromRule(rule),
      autoOpens: autoOpens(rule),
    };
  });

  const external = externalRows.map((r): ExternalAlertDto => {
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
      incident: ref(r.incidentId),
      canOpen: severity !== null && OPENABLE.includes(severity),
    };
  });

  return {
    now: clockNow().toISOString(),
    intervalMs: config.intervalMs,
    lastEvaluated: engine.meta.lastEvaluated === null ? null : new Date(engine.meta.lastEvaluated).toISOString(),
    source: describeSource(),
    autoOpen: settings.autoOpen,
    rules,
    external,
    activeDrill: drill ? await getDrill(drill.id) : null,
  };
}
