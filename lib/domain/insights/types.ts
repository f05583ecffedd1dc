// Inputs and outputs of the insights measures (issue 16). The server loads these shapes from the database;
// everything computed from them lives in this folder and is pure (the clock is passed in).
import type { Severity } from "../severity";

/** A timeline entry that moves an incident's state: status, severity, resolved, reopened. */
export interface InsightStateEvent {
  kind: string;
  at: Date;
  /** the entry's data: {from, to} for status/severity/resolved/reopened */
  data: unknown;
}

export interface InsightEscalation {
  /** team_lead | department_head | executive */
  role: string;
  /** false for a reminder ("team_lead#renotify-2"): only a step's first firing counts as an escalation */
  firstFiring: boolean;
  firedAt: Date | null;
  acknowledgedAt: Date | null;
}

export interface InsightIncident {
  id: number;
  title: string;
  /** the severity now (the highest one held is derived from the severity events) */
  severity: Severity;
  scenario: string | null;
  /** manual | api | alert */
  source: string;
  isDrill: boolean;
  /** the SLA clock's start: the first alert when the incident came from one, else the declaration */
  startedAt: Date;
  /** when the incident was declared (its row was created) */
  declaredAt: Date;
  /** the last resolution; null while open (also after a reopen) */
  resolvedAt: Date | null;
  /** state changes in time order */
  events: InsightStateEvent[];
  /** the first thing a person did on the incident after declaring it (status, severity, commander, note, …) */
  firstActionAt: Date | null;
  escalations: InsightEscalation[];
  /** alert rules (rule engine names, Alertmanager alertnames) attached to the incident */
  alertRules: string[];
}

export interface InsightPostmortem {
  incidentId: number;
  createdAt: Date;
  publishedAt: Date | null;
}

export interface InsightActionItem {
  incidentId: number;
  /** open | in_progress | done */
  status: string;
  /** YYYY-MM-DD, due at the end of that day (Asia/Seoul) */
  dueDate: string;
  createdAt: Date;
  /** for a done item: when it was last changed, taken as when it was closed (no closedAt column) */
  updatedAt: Date;
}

export interface InsightDrill {
  id: string;
  scenario: string;
  startedAt: Date;
  incidentId: number | null;
  incidentSeverity: Severity | null;
  incidentStartedAt: Date | null;
  mitigatedAt: Date | null;
}

export interface InsightsInput {
  incidents: InsightIncident[];
  postmortems: InsightPostmortem[];
  actionItems: InsightActionItem[];
  drills: InsightDrill[];
}

export interface InsightsQuery {
  from: Date;
  to: Date;
  /** only incidents whose highest severity held is one of these (empty = all) */
  severities: Severity[];
  scenario: string | null;
  /** a status page component's slug (only incidents that named it); absent = all */
  component?: string | null;
  includeDrills: boolean;
  /** postmortems counted as timely when written / published within this many days of the resolution */
  postmortemDays: number;
  /** the zone whose Mondays start the weeks (Settings' time zone) */
  timeZone: string;
}

/** A duration measure over a set of incidents: median and p90, and which incidents it was taken from. */
export interface DurationFigure {
  n: number;
  medianMs: number | null;
  p90Ms: number | null;
  incidentIds: number[];
}

export interface TargetFigure {
  targetMs: number;
  met: number;
  missed: number;
  /** still open and within the target: not counted either way yet */
  pending: number;
  /** met / (met + missed); null when nothing was decided */
  share: number | null;
  metIds: number[];
  missedIds: number[];
}

export interface SeverityRow {
  /** "all" for the row over every severity */
  severity: Severity | "all";
  count: number;
  incidentIds: number[];
  mttd: DurationFigure;
  mtta: DurationFigure;
  mttm: DurationFigure;
  mttr: DurationFigure;
  target: TargetFigure;
  unacknowledged: { count: number; incidentIds: number[] };
  reopened: { count: number; incidentIds: number[] };
  severityChanged: { count: number; incidentIds: number[] };
}

export interface WeekRow {
  /** the Monday that starts the week, YYYY-MM-DD in the query's time zone */
  week: string;
  count: number;
  incidentIds: number[];
  mttaMedianMs: number | null;
  mttrMedianMs: number | null;
  targetShare: number | null;
}

export interface DistributionBucket {
  /** upper bound in ms (null = above the last bound) */
  upToMs: number | null;
  count: number;
  incidentIds: number[];
}

export interface EscalationRow {
  role: string;
  fired: number;
  acknowledged: number;
  unacknowledged: number;
  ack: DurationFigure;
  incidentIds: number[];
}

export interface CountRow {
  key: string;
  count: number;
  incidentIds: number[];
}

export interface PostmortemFigure {
  withinDays: number;
  resolved: number;
  written: number;
  writtenWithin: number;
  published: number;
  publishedWithin: number;
  /** resolved incidents with no postmortem written within the days */
  lateIds: number[];
}

export interface ActionItemWeek {
  week: string;
  open: number;
  overdue: number;
  closed: number;
}

export interface DrillWeek {
  week: string;
  drills: number;
  /** mean of the drills' scores (0–100) */
  averageScore: number | null;
  drillIds: string[];
  incidentIds: number[];
}

export interface InsightsReport {
  from: string;
  to: string;
  generatedAt: string;
  timeZone: string;
  filters: { severities: Severity[]; scenario: string | null; component: string | null; includeDrills: boolean };
  totals: SeverityRow;
  bySeverity: SeverityRow[];
  weeks: WeekRow[];
  resolutionDistribution: DistributionBucket[];
  escalations: EscalationRow[];
  scenarios: CountRow[];
  alertRules: CountRow[];
  postmortems: PostmortemFigure;
  actionItems: ActionItemWeek[];
  drills: DrillWeek[];
}
