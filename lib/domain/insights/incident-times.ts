// What each incident contributes to the measures. The definitions (shown in the page's tooltips too):
// - MTTD: first alert → declared. Only incidents that came from an alert (their SLA start is the first alert).
// - MTTA: declared → the first escalation acknowledgement or the first thing a person did on the incident
//   (status, severity, commander, note, diagnostics, runbook), whichever came first. None = unacknowledged.
// - MTTM: start (first alert, else declaration) → first time the incident reached mitigated (or resolved,
//   when it skipped mitigated).
// - MTTR: start → the LAST resolution. A reopened incident was not recovered at its first resolution, so the
//   final one counts; while reopened and open, it has no MTTR yet.
// - Severity: the HIGHEST severity held at any time decides the row and the target. A P2 raised to P0 and
//   lowered again was a P0 for its people; judging it against 2 h would hide a missed 15-minute target.
// - Target met: start → resolution within the manual's target (P0 15 min, P1 30 min, P2 2 h, P3 4 h). An open
//   incident past its target has missed it; one still inside it is pending and counted neither way.
import { SEVERITY_TARGET_MS, isSeverity, severityRank, type Severity } from "../severity";
import type { InsightIncident } from "./types";

export interface IncidentTimes {
  id: number;
  highestSeverity: Severity;
  detectMs: number | null;
  ackMs: number | null;
  mitigateMs: number | null;
  resolveMs: number | null;
  targetMs: number;
  /** true met, false missed, null pending */
  targetMet: boolean | null;
  reopened: boolean;
  severityChanged: boolean;
}

const toOf = (data: unknown): unknown => (data && typeof data === "object" && "to" in data ? (data as { to: unknown }).to : undefined);
const fromOf = (data: unknown): unknown =>
  data && typeof data === "object" && "from" in data ? (data as { from: unknown }).from : undefined;
const span = (from: Date, to: Date | null) => (to ? Math.max(0, to.getTime() - from.getTime()) : null);

export function highestSeverity(incident: InsightIncident): Severity {
  let highest = incident.severity;
  for (const e of incident.events) {
    if (e.kind !== "severity") continue;
    for (const s of [fromOf(e.data), toOf(e.data)]) if (isSeverity(s) && severityRank(s) < severityRank(highest)) highest = s;
  }
  return highest;
}

function firstAcknowledgement(incident: InsightIncident): Date | null {
  const candidates = [incident.firstActionAt, ...incident.escalations.map((e) => e.acknowledgedAt)].filter(
    (d): d is Date => d !== null && d.getTime() >= incident.declaredAt.getTime(),
  );
  return candidates.length ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : null;
}

function firstMitigation(incident: InsightIncident): Date | null {
  for (const e of incident.events) {
    const to = toOf(e.data);
    if ((e.kind === "status" || e.kind === "resolved") && (to === "mitigated" || to === "resolved")) return e.at;
  }
  // A resolution without its event (imported data): the stored resolution is the mitigation at the latest.
  return incident.resolvedAt;
}

export function incidentTimes(incident: InsightIncident, now: Date): IncidentTimes {
  const severity = highestSeverity(incident);
  const targetMs = SEVERITY_TARGET_MS[severity];
  const resolveMs = span(incident.startedAt, incident.resolvedAt);
  const openFor = now.getTime() - incident.startedAt.getTime();
  return {
    id: incident.id,
    highestSeverity: severity,
    detectMs: incident.source === "alert" ? span(incident.startedAt, incident.declaredAt) : null,
    ackMs: span(incident.declaredAt, firstAcknowledgement(incident)),
    mitigateMs: span(incident.startedAt, firstMitigation(incident)),
    resolveMs,
    targetMs,
    targetMet: resolveMs !== null ? resolveMs <= targetMs : openFor > targetMs ? false : null,
    reopened: incident.events.some((e) => e.kind === "reopened"),
    severityChanged: incident.events.some((e) => e.kind === "severity"),
  };
}
