// Every react-query key of the app, in one place. Keys nest on purpose: whatever hangs under
// ["incident", id] (timeline, diagnostics, escalation, recovery, postmortem link) is refreshed by the
// incident room's live "incident:<id>" events, and the escalation board's key prefixes the outbox log's.
import type { RangeKey } from "@/lib/server/metrics/panel";

export const queryKeys = {
  /** every incident list, whatever its filter */
  allIncidents: ["incidents"] as const,
  incidents: (status: string) => ["incidents", status] as const,
  /** the incident list's pages (useInfiniteQuery), under its filter's key */
  incidentPages: (status: string) => ["incidents", status, "pages"] as const,
  incident: (id: number) => ["incident", id] as const,
  /** every timeline query of an incident */
  timeline: (id: number) => ["incident", id, "timeline"] as const,
  /** the room's timeline pages, newest first (useInfiniteQuery) */
  timelinePages: (id: number) => ["incident", id, "timeline", "pages"] as const,
  /** the timeline's alert events (the metrics strip) */
  timelineAlerts: (id: number) => ["incident", id, "timeline", "alerts"] as const,
  users: ["users"] as const,
  tokens: ["tokens"] as const,
};

export const oncallKeys = {
  /** every on-call query: a schedule change refreshes them all */
  all: ["oncall"] as const,
  summary: ["oncall", "summary"] as const,
  schedules: ["oncall", "schedules"] as const,
  schedule: (id: string) => ["oncall", "schedule", id] as const,
  mine: ["oncall", "mine"] as const,
  feed: (kind: string, id: string) => ["oncall", "feed", kind, id] as const,
  pagingContact: ["oncall", "paging-contact"] as const,
};

export const escalationKeys = {
  board: ["escalations"] as const,
  notifications: (incidentId: number | null) => ["escalations", "notifications", incidentId ?? "all"] as const,
  incident: (id: number) => ["incident", id, "escalation"] as const,
  readiness: ["escalations", "readiness"] as const,
};

export const diagKeys = {
  runs: (incidentId: number) => ["incident", incidentId, "diagnostics"] as const,
  ticks: (incidentId: number) => ["incident", incidentId, "runbook-ticks"] as const,
  probes: ["diagnostics", "probes"] as const,
};

export const metricsKeys = {
  alerts: ["metrics", "alerts"] as const,
  series: (range: RangeKey) => ["metrics", "series", range] as const,
  drills: ["metrics", "drills"] as const,
};

export const pmKeys = {
  list: () => ["postmortems"] as const,
  actionItems: (status: string) => ["postmortems", "action-items", status] as const,
  postmortem: (id: string) => ["postmortem", id] as const,
  revisions: (id: string) => ["postmortem", id, "revisions"] as const,
  revision: (id: string, version: number) => ["postmortem", id, "revision", version] as const,
  recovery: (incidentId: number) => ["incident", incidentId, "recovery"] as const,
  ofIncident: (incidentId: number) => ["incident", incidentId, "postmortem"] as const,
  recoveryChecks: () => ["recovery-checks"] as const,
};
