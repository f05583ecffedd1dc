import { describe, expect, it } from "vitest";
import { computeInsights } from "@/lib/domain/insights/compute";
import { incidentTimes } from "@/lib/domain/insights/incident-times";
import { median, percentile } from "@/lib/domain/insights/stats";
import { drillScore } from "@/lib/domain/insights/drill-score";
import type { InsightIncident, InsightsInput, InsightsQuery } from "@/lib/domain/insights/types";

// Monday 2026-11-02 00:00 in Seoul; every planted time is minutes after it.
const T0 = new Date("2026-11-01T15:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const MIN = 60_000;

function incident(id: number, over: Partial<InsightIncident> = {}): InsightIncident {
  return {
    id,
    title: `incident ${id}`,
    severity: "P1",
    scenario: null,
    source: "manual",
    isDrill: false,
    startedAt: at(0),
    declaredAt: at(0),
    resolvedAt: null,
    events: [],
    firstActionAt: null,
    escalations: [],
    alertRules: [],
    ...over,
  };
}

const query = (over: Partial<InsightsQuery> = {}): InsightsQuery => ({
  from: at(0),
  to: at(14 * 24 * 60),
  severities: [],
  scenario: null,
  includeDrills: false,
  postmortemDays: 5,
  timeZone: "Asia/Seoul",
  ...over,
});

const input = (incidents: InsightIncident[], rest: Partial<InsightsInput> = {}): InsightsInput => ({
  incidents,
  postmortems: [],
  actionItems: [],
  drills: [],
  ...rest,
});

const now = at(20 * 24 * 60);

describe("insights measures on planted incidents", () => {
  // 1: from an alert at 0, declared at 4, commander acted at 10, mitigated at 20, resolved at 25 (P1 target 30: met)
  const fromAlert = incident(1, {
    source: "alert",
    startedAt: at(0),
    declaredAt: at(4),
    firstActionAt: at(10),
    resolvedAt: at(25),
    scenario: "redis-lock-timeout",
    alertRules: ["HighResponseTime"],
    events: [
      { kind: "status", at: at(20), data: { from: "investigating", to: "mitigated" } },
      { kind: "resolved", at: at(25), data: { from: "mitigated", to: "resolved" } },
    ],
  });
  // 2: declared by hand at 60, team lead acknowledged its escalation at 66 (before any other action at 70), resolved at 100 (40 min: missed)
  const acked = incident(2, {
    startedAt: at(60),
    declaredAt: at(60),
    firstActionAt: at(70),
    resolvedAt: at(100),
    scenario: "redis-lock-timeout",
    escalations: [
      { role: "team_lead", firstFiring: true, firedAt: at(62), acknowledgedAt: at(66) },
      { role: "team_lead", firstFiring: false, firedAt: at(64), acknowledgedAt: null },
    ],
    events: [{ kind: "resolved", at: at(100), data: { from: "investigating", to: "resolved" } }],
  });

  it("measures MTTD only where an alert exists, MTTA from the first acknowledgement or action", () => {
    expect(incidentTimes(fromAlert, now)).toMatchObject({
      detectMs: 4 * MIN,
      ackMs: 6 * MIN,
      mitigateMs: 20 * MIN,
      resolveMs: 25 * MIN,
      targetMet: true,
    });
    expect(incidentTimes(acked, now)).toMatchObject({
      detectMs: null,
      ackMs: 6 * MIN,
      mitigateMs: 40 * MIN,
      resolveMs: 40 * MIN,
      targetMet: false,
    });
  });

  it("counts an incident nobody acknowledged apart, without a made-up MTTA", () => {
    const silent = incident(3, { startedAt: at(200), declaredAt: at(200), resolvedAt: at(210) });
    const report = computeInsights(input([fromAlert, acked, silent]), query(), now);
    expect(report.totals.unacknowledged).toEqual({ count: 1, incidentIds: [3] });
    expect(report.totals.mtta).toMatchObject({ n: 2, medianMs: 6 * MIN, incidentIds: [1, 2] });
  });

  it("reopened: MTTR runs to the last resolution, MTTM to the first mitigation", () => {
    const reopened = incident(4, {
      severity: "P2",
      resolvedAt: at(90),
      firstActionAt: at(1),
      events: [
        { kind: "resolved", at: at(30), data: { from: "investigating", to: "resolved" } },
        { kind: "reopened", at: at(50), data: { from: "resolved", to: "investigating" } },
        { kind: "resolved", at: at(90), data: { from: "investigating", to: "resolved" } },
      ],
    });
    expect(incidentTimes(reopened, now)).toMatchObject({ mitigateMs: 30 * MIN, resolveMs: 90 * MIN, reopened: true, targetMet: true });
    const stillOpen = incident(5, { ...reopened, id: 5, resolvedAt: null });
    expect(incidentTimes(stillOpen, now)).toMatchObject({ resolveMs: null, targetMet: false });
  });

  it("severity changed mid-incident: the highest severity held decides the row and the target", () => {
    const raised = incident(6, {
      severity: "P2",
      resolvedAt: at(40),
      events: [
        { kind: "severity", at: at(5), data: { from: "P2", to: "P0", reason: "checkout down" } },
        { kind: "severity", at: at(20), data: { from: "P0", to: "P2", reason: "contained" } },
      ],
    });
    const times = incidentTimes(raised, now);
    expect(times).toMatchObject({ highestSeverity: "P0", targetMs: 15 * MIN, targetMet: false, severityChanged: true });
    const report = computeInsights(input([raised]), query(), now);
    expect(report.bySeverity.find((r) => r.severity === "P0")).toMatchObject({ count: 1, target: { missed: 1, missedIds: [6] } });
    expect(report.bySeverity.find((r) => r.severity === "P2")?.count).toBe(0);
    expect(computeInsights(input([raised]), query({ severities: ["P2"] }), now).totals.count).toBe(0);
  });

  it("an open incident within its target is pending, past it missed", () => {
    const young = incident(7, { severity: "P3", startedAt: at(0), declaredAt: at(0) });
    expect(incidentTimes(young, at(100)).targetMet).toBeNull();
    expect(incidentTimes(young, at(241)).targetMet).toBe(false);
  });

  it("leaves drills out by default and takes them in when asked", () => {
    const drill = incident(8, { isDrill: true, resolvedAt: at(10) });
    expect(computeInsights(input([fromAlert, drill]), query(), now).totals.incidentIds).toEqual([1]);
    expect(computeInsights(input([fromAlert, drill]), query({ includeDrills: true }), now).totals.incidentIds).toEqual([1, 8]);
  });

  it("share meeting the target, weekly trend and the resolution distribution", () => {
    const report = computeInsights(input([fromAlert, acked]), query(), now);
    const p1 = report.bySeverity.find((r) => r.severity === "P1")!;
    expect(p1.target).toMatchObject({ targetMs: 30 * MIN, met: 1, missed: 1, share: 0.5, metIds: [1], missedIds: [2] });
    expect(p1.mttr).toMatchObject({ n: 2, medianMs: 32.5 * MIN, p90Ms: 40 * MIN });
    expect(report.weeks.map((w) => w.week)).toEqual(["2026-11-02", "2026-11-09"]);
    expect(report.weeks[0]).toMatchObject({ count: 2, targetShare: 0.5 });
    expect(report.resolutionDistribution.find((b) => b.upToMs === 30 * MIN)?.incidentIds).toEqual([1]);
    expect(report.resolutionDistribution.find((b) => b.upToMs === 60 * MIN)?.incidentIds).toEqual([2]);
  });

  it("escalations per level count first firings only, with their acknowledgement times", () => {
    const report = computeInsights(input([fromAlert, acked]), query(), now);
    expect(report.escalations[0]).toMatchObject({ role: "team_lead", fired: 1, acknowledged: 1, ack: { medianMs: 4 * MIN } });
    expect(report.escalations[1]).toMatchObject({ role: "department_head", fired: 0 });
  });

  it("top scenarios and alert rules", () => {
    const report = computeInsights(input([fromAlert, acked, incident(9, { scenario: "db-deadlock" })]), query(), now);
    expect(report.scenarios[0]).toEqual({ key: "redis-lock-timeout", count: 2, incidentIds: [1, 2] });
    expect(report.alertRules).toEqual([{ key: "HighResponseTime", count: 1, incidentIds: [1] }]);
  });

  it("postmortems within N days and action items per week", () => {
    const report = computeInsights(
      input([fromAlert, acked], {
        postmortems: [
          { incidentId: 1, createdAt: at(60 * 24), publishedAt: at(60 * 24 * 3) },
          { incidentId: 2, createdAt: at(60 * 24 * 6), publishedAt: null },
        ],
        actionItems: [
          // due Tuesday 2026-11-03 (Seoul), closed in week two
          { incidentId: 1, status: "done", dueDate: "2026-11-03", createdAt: at(60 * 24), updatedAt: at(60 * 24 * 8) },
          { incidentId: 2, status: "open", dueDate: "2026-12-31", createdAt: at(60 * 24), updatedAt: at(60 * 24) },
        ],
      }),
      query(),
      now,
    );
    expect(report.postmortems).toMatchObject({ resolved: 2, written: 2, writtenWithin: 1, published: 1, publishedWithin: 1, lateIds: [2] });
    expect(report.actionItems).toEqual([
      { week: "2026-11-02", open: 2, overdue: 1, closed: 0 },
      { week: "2026-11-09", open: 1, overdue: 0, closed: 1 },
    ]);
  });

  it("drill scores: 100 within the target, proportional beyond it, 0 when never mitigated", () => {
    const base = {
      id: "d",
      scenario: "db-deadlock",
      startedAt: at(0),
      incidentId: 1,
      incidentSeverity: "P1" as const,
      incidentStartedAt: at(1),
    };
    expect(drillScore({ ...base, mitigatedAt: at(21) })).toBe(100);
    expect(drillScore({ ...base, mitigatedAt: at(61) })).toBe(50);
    expect(drillScore({ ...base, mitigatedAt: null })).toBe(0);
    const report = computeInsights(
      input([], {
        drills: [
          { ...base, mitigatedAt: at(21) },
          { ...base, id: "e", mitigatedAt: at(61) },
        ],
      }),
      query(),
      now,
    );
    expect(report.drills[0]).toMatchObject({ drills: 2, averageScore: 75, drillIds: ["d", "e"] });
  });

  it("median and nearest-rank p90", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 90)).toBeNull();
  });
});
