import "server-only";
// Loads what the insights measures need in seven queries, whatever the number of incidents: every query
// filters through the incident relation (an EXISTS/JOIN in SQL), the component filter too (incident → its
// component links → the component's slug), so no list of ids is ever sent back, and only the columns the
// measures read are selected. The same code serves SQLite and PostgreSQL.
import { prisma } from "../db";
import { isSeverity } from "@/lib/domain/severity";
import type { InsightIncident, InsightsInput } from "@/lib/domain/insights/types";

/** Timeline kinds that move an incident's state (status, severity, resolution) or attach an alert rule. */
const STATE_KINDS = ["status", "severity", "resolved", "reopened", "alert"];
/** What a person does on an incident that shows someone has picked it up (the MTTA's "first action"). */
export const ACTION_KINDS = ["status", "severity", "commander", "resolved", "note", "diagnostic", "runbook", "recovery", "escalation-ack"];

export interface LoadFilter {
  from: Date;
  to: Date;
  scenario: string | null;
  /** a status page component's slug: only incidents that named it */
  component: string | null;
  includeDrills: boolean;
}

const ruleOf = (data: unknown): string | null => {
  if (!data || typeof data !== "object") return null;
  const d = data as { rule?: unknown; alertname?: unknown };
  return typeof d.rule === "string" ? d.rule : typeof d.alertname === "string" && d.alertname ? d.alertname : null;
};

export async function loadInsightsInput(filter: LoadFilter): Promise<InsightsInput> {
  const incidentWhere = {
    createdAt: { gte: filter.from, lt: filter.to },
    ...(filter.includeDrills ? {} : { isDrill: false }),
    ...(filter.scenario !== null ? { scenario: filter.scenario } : {}),
    // the incidents that named the component (an unknown slug names none)
    ...(filter.component !== null ? { components: { some: { component: { slug: filter.component } } } } : {}),
  };
  const [incidents, events, actions, firings, postmortems, actionItems, drills] = await Promise.all([
    prisma.incident.findMany({
      where: incidentWhere,
      select: {
        id: true,
        title: true,
        severity: true,
        scenario: true,
        source: true,
        isDrill: true,
        startedAt: true,
        createdAt: true,
        resolvedAt: true,
      },
      orderBy: { id: "asc" },
    }),
    prisma.timelineEvent.findMany({
      where: { kind: { in: STATE_KINDS }, incident: incidentWhere },
      select: { incidentId: true, kind: true, createdAt: true, data: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.timelineEvent.groupBy({
      by: ["incidentId"],
      where: { kind: { in: ACTION_KINDS }, actorId: { not: null }, incident: incidentWhere },
      _min: { createdAt: true },
    }),
    prisma.escalationFiring.findMany({
      where: { firedAt: { not: null }, incident: incidentWhere },
      select: { incidentId: true, role: true, fireKey: true, stepKey: true, firedAt: true, acknowledgedAt: true },
    }),
    prisma.postmortem.findMany({ where: { incident: incidentWhere }, select: { incidentId: true, createdAt: true, publishedAt: true } }),
    prisma.actionItem.findMany({
      where: { postmortem: { incident: incidentWhere } },
      select: { status: true, dueDate: true, createdAt: true, updatedAt: true, postmortem: { select: { incidentId: true } } },
    }),
    prisma.drill.findMany({
      where: { startedAt: { gte: filter.from, lt: filter.to }, ...(filter.scenario !== null ? { scenario: filter.scenario } : {}) },
      select: { id: true, scenario: true, startedAt: true, incidentId: true, mitigatedAt: true },
    }),
  ]);

  const byId = new Map<number, InsightIncident>();
  for (const row of incidents) {
    if (!isSeverity(row.severity)) continue;
    byId.set(row.id, {
      id: row.id,
      title: row.title,
      severity: row.severity,
      scenario: row.scenario,
      source: row.source,
      isDrill: row.isDrill,
      startedAt: row.startedAt,
      declaredAt: row.createdAt,
      resolvedAt: row.resolvedAt,
      events: [],
      firstActionAt: null,
      escalations: [],
      alertRules: [],
    });
  }
  for (const e of events) {
    const incident = byId.get(e.incidentId);
    if (!incident) continue;
    if (e.kind === "alert") {
      const rule = ruleOf(e.data);
      if (rule && !incident.alertRules.includes(rule)) incident.alertRules.push(rule);
    } else incident.events.push({ kind: e.kind, at: e.createdAt, data: e.data });
  }
  for (const a of actions) {
    const incident = byId.get(a.incidentId);
    if (incident) incident.firstActionAt = a._min.createdAt;
  }
  for (const f of firings) {
    byId
      .get(f.incidentId)
      ?.escalations.push({ role: f.role, firstFiring: f.fireKey === f.stepKey, firedAt: f.firedAt, acknowledgedAt: f.acknowledgedAt });
  }

  const drillIncidentIds = drills.flatMap((d) => (d.incidentId ? [d.incidentId] : []));
  const drillIncidents = drillIncidentIds.length
    ? await prisma.incident.findMany({ where: { id: { in: drillIncidentIds } }, select: { id: true, severity: true, startedAt: true } })
    : [];
  const drillIncident = new Map(drillIncidents.map((i) => [i.id, i]));

  return {
    incidents: [...byId.values()],
    postmortems,
    actionItems: actionItems.map((a) => ({
      incidentId: a.postmortem.incidentId,
      status: a.status,
      dueDate: a.dueDate,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    })),
    drills: drills.map((d) => {
      const incident = d.incidentId ? drillIncident.get(d.incidentId) : undefined;
      return {
        id: d.id,
        scenario: d.scenario,
        startedAt: d.startedAt,
        incidentId: d.incidentId,
        incidentSeverity: incident && isSeverity(incident.severity) ? incident.severity : null,
        incidentStartedAt: incident?.startedAt ?? null,
        mitigatedAt: d.mitigatedAt,
      };
    }),
  };
}
