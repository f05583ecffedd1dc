// The insights report: every figure of the page, the API and the weekly report, from loaded rows.
// Pure: `now` decides which open incidents have already missed their target.
import { SEVERITIES, SEVERITY_TARGET_MS as SEVERITY_TARGETS, type Severity } from "../severity";
import { incidentTimes, type IncidentTimes } from "./incident-times";
import { capIds, durationFigure, median } from "./stats";
import { endOfLocalDay, weekKey, weeksBetween } from "./weeks";
import { drillScore } from "./drill-score";
import type {
  ActionItemWeek,
  CountRow,
  DistributionBucket,
  DrillWeek,
  EscalationRow,
  InsightIncident,
  InsightsInput,
  InsightsQuery,
  InsightsReport,
  PostmortemFigure,
  SeverityRow,
  WeekRow,
} from "./types";

const MINUTE = 60_000;
/** Resolution-time buckets: the manual's four targets and the steps between them. */
export const RESOLUTION_BOUNDS_MS = [15 * MINUTE, 30 * MINUTE, 60 * MINUTE, 120 * MINUTE, 240 * MINUTE, 480 * MINUTE];
const DAY = 86_400_000;
const TOP = 10;
/** Escalation levels of the matrix (manual 6.2), in order. */
export const ESCALATION_LEVELS = ["team_lead", "department_head", "executive"] as const;

type Measured = { incident: InsightIncident; times: IncidentTimes };

/** Incidents the query covers: declared in [from, to), drills only when asked, the scenario and the highest severity held. */
export function selectIncidents(incidents: InsightIncident[], query: InsightsQuery, now: Date): Measured[] {
  return incidents
    .filter((i) => i.declaredAt >= query.from && i.declaredAt < query.to)
    .filter((i) => query.includeDrills || !i.isDrill)
    .filter((i) => query.scenario === null || i.scenario === query.scenario)
    .map((incident) => ({ incident, times: incidentTimes(incident, now) }))
    .filter((m) => query.severities.length === 0 || query.severities.includes(m.times.highestSeverity));
}

const pick = (list: Measured[], f: (t: IncidentTimes) => number | null) =>
  list.flatMap((m) => {
    const ms = f(m.times);
    return ms === null ? [] : [{ id: m.incident.id, ms }];
  });

const idsOf = (list: Measured[]) => list.map((m) => m.incident.id);
const countOf = (list: Measured[]) => ({ count: list.length, incidentIds: capIds(idsOf(list)) });

export function severityRow(severity: Severity | "all", list: Measured[], targetMs: number): SeverityRow {
  const met = list.filter((m) => m.times.targetMet === true);
  const missed = list.filter((m) => m.times.targetMet === false);
  return {
    severity,
    count: list.length,
    incidentIds: capIds(idsOf(list)),
    mttd: durationFigure(pick(list, (t) => t.detectMs)),
    mtta: durationFigure(pick(list, (t) => t.ackMs)),
    mttm: durationFigure(pick(list, (t) => t.mitigateMs)),
    mttr: durationFigure(pick(list, (t) => t.resolveMs)),
    target: {
      targetMs,
      met: met.length,
      missed: missed.length,
      pending: list.length - met.length - missed.length,
      share: met.length + missed.length > 0 ? met.length / (met.length + missed.length) : null,
      metIds: capIds(idsOf(met)),
      missedIds: capIds(idsOf(missed)),
    },
    unacknowledged: countOf(list.filter((m) => m.times.ackMs === null)),
    reopened: countOf(list.filter((m) => m.times.reopened)),
    severityChanged: countOf(list.filter((m) => m.times.severityChanged)),
  };
}

function weekRows(list: Measured[], query: InsightsQuery): WeekRow[] {
  return weeksBetween(query.from, query.to, query.timeZone).map((week) => {
    const inWeek = list.filter((m) => weekKey(m.incident.declaredAt, query.timeZone) === week.key);
    const met = inWeek.filter((m) => m.times.targetMet === true).length;
    const decided = inWeek.filter((m) => m.times.targetMet !== null).length;
    return {
      week: week.key,
      count: inWeek.length,
      incidentIds: capIds(idsOf(inWeek)),
      mttaMedianMs: median(pick(inWeek, (t) => t.ackMs).map((s) => s.ms)),
      mttrMedianMs: median(pick(inWeek, (t) => t.resolveMs).map((s) => s.ms)),
      targetShare: decided > 0 ? met / decided : null,
    };
  });
}

function distribution(list: Measured[]): DistributionBucket[] {
  const buckets: DistributionBucket[] = [...RESOLUTION_BOUNDS_MS, null].map((upToMs) => ({ upToMs, count: 0, incidentIds: [] }));
  for (const { id, ms } of pick(list, (t) => t.resolveMs)) {
    const bucket = buckets.find((b) => b.upToMs === null || ms <= b.upToMs)!;
    bucket.count += 1;
    if (bucket.incidentIds.length < 200) bucket.incidentIds.push(id);
  }
  return buckets;
}

function escalationRows(list: Measured[]): EscalationRow[] {
  return ESCALATION_LEVELS.map((role) => {
    const firings = list.flatMap((m) =>
      m.incident.escalations.filter((e) => e.role === role && e.firstFiring && e.firedAt).map((e) => ({ id: m.incident.id, e })),
    );
    const acked = firings.filter((f) => f.e.acknowledgedAt);
    return {
      role,
      fired: firings.length,
      acknowledged: acked.length,
      unacknowledged: firings.length - acked.length,
      ack: durationFigure(acked.map((f) => ({ id: f.id, ms: Math.max(0, f.e.acknowledgedAt!.getTime() - f.e.firedAt!.getTime()) }))),
      incidentIds: capIds([...new Set(firings.map((f) => f.id))]),
    };
  });
}

function topCounts(list: Measured[], keysOf: (i: InsightIncident) => string[]): CountRow[] {
  const rows = new Map<string, number[]>();
  for (const { incident } of list) for (const key of new Set(keysOf(incident))) rows.set(key, [...(rows.get(key) ?? []), incident.id]);
  return [...rows.entries()]
    .map(([key, ids]) => ({ key, count: ids.length, incidentIds: capIds(ids) }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, TOP);
}

function postmortemFigure(list: Measured[], input: InsightsInput, days: number): PostmortemFigure {
  const byIncident = new Map(input.postmortems.map((p) => [p.incidentId, p]));
  const resolved = list.filter((m) => m.incident.resolvedAt);
  const within = (at: Date | null | undefined, m: Measured) => !!at && at.getTime() - m.incident.resolvedAt!.getTime() <= days * DAY;
  const writtenWithin = resolved.filter((m) => within(byIncident.get(m.incident.id)?.createdAt, m));
  return {
    withinDays: days,
    resolved: resolved.length,
    written: resolved.filter((m) => byIncident.has(m.incident.id)).length,
    writtenWithin: writtenWithin.length,
    published: resolved.filter((m) => byIncident.get(m.incident.id)?.publishedAt).length,
    publishedWithin: resolved.filter((m) => within(byIncident.get(m.incident.id)?.publishedAt, m)).length,
    lateIds: capIds(idsOf(resolved.filter((m) => !writtenWithin.includes(m)))),
  };
}

/** Per week: items open and overdue at the week's end, and items closed during it (of the covered incidents). */
function actionItemWeeks(list: Measured[], input: InsightsInput, query: InsightsQuery): ActionItemWeek[] {
  const covered = new Set(idsOf(list));
  const items = input.actionItems.filter((a) => covered.has(a.incidentId));
  return weeksBetween(query.from, query.to, query.timeZone).map((week) => {
    const closedBy = (a: (typeof items)[number], at: Date) => a.status === "done" && a.updatedAt < at;
    const open = items.filter((a) => a.createdAt < week.end && !closedBy(a, week.end));
    return {
      week: week.key,
      open: open.length,
      // Due dates are calendar days in Seoul (the postmortem feature's rule): overdue once that day has ended.
      overdue: open.filter((a) => endOfLocalDay(a.dueDate, "Asia/Seoul") <= week.end).length,
      closed: items.filter((a) => a.status === "done" && a.updatedAt >= week.start && a.updatedAt < week.end).length,
    };
  });
}

function drillWeeks(input: InsightsInput, query: InsightsQuery): DrillWeek[] {
  const drills = input.drills.filter((d) => d.startedAt >= query.from && d.startedAt < query.to);
  return weeksBetween(query.from, query.to, query.timeZone).map((week) => {
    const inWeek = drills.filter((d) => weekKey(d.startedAt, query.timeZone) === week.key);
    const scores = inWeek.map(drillScore);
    return {
      week: week.key,
      drills: inWeek.length,
      averageScore: scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
      drillIds: inWeek.map((d) => d.id),
      incidentIds: inWeek.flatMap((d) => (d.incidentId ? [d.incidentId] : [])),
    };
  });
}

export function computeInsights(input: InsightsInput, query: InsightsQuery, now: Date): InsightsReport {
  const list = selectIncidents(input.incidents, query, now);
  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    generatedAt: now.toISOString(),
    timeZone: query.timeZone,
    filters: {
      severities: query.severities,
      scenario: query.scenario,
      component: query.component ?? null,
      includeDrills: query.includeDrills,
    },
    totals: severityRow("all", list, 0),
    bySeverity: SEVERITIES.map((s) =>
      severityRow(
        s,
        list.filter((m) => m.times.highestSeverity === s),
        SEVERITY_TARGETS[s],
      ),
    ),
    weeks: weekRows(list, query),
    resolutionDistribution: distribution(list),
    escalations: escalationRows(list),
    scenarios: topCounts(list, (i) => [i.scenario ?? "none"]),
    alertRules: topCounts(list, (i) => i.alertRules),
    postmortems: postmortemFigure(list, input, query.postmortemDays),
    actionItems: actionItemWeeks(list, input, query),
    drills: drillWeeks(input, query),
  };
}
