import "server-only";
// An incident's escalation state as the pure schedule needs it, rebuilt from the durable record:
// severity and status history from the timeline (declared / severity / resolved / reopened events),
// fired steps and acknowledgements from EscalationFiring. Loaded in bulk for the scheduler and the board.
import { prisma } from "../db";
import type { EscalationFiring, Prisma } from "@/lib/generated/prisma/client";
import {
  computeSchedule,
  DEFAULT_RENOTIFY_EVERY_MS,
  type Schedule,
  type SeverityChange,
  type StatusChange,
} from "@/lib/domain/escalation-schedule";
import { isSeverity, type Severity } from "@/lib/domain/severity";
import { isStatus, type Status } from "@/lib/domain/status";

const HISTORY_KINDS = ["declared", "severity", "resolved", "reopened"];

interface IncidentFacts {
  id: number;
  title: string;
  severity: Severity;
  status: Status;
  isDrill: boolean;
  startedAt: Date;
}

export interface IncidentHistory {
  incident: IncidentFacts;
  severityHistory: SeverityChange[];
  statusHistory: StatusChange[];
  firings: EscalationFiring[];
}

const incidentFactsSelect = { id: true, title: true, severity: true, status: true, isDrill: true, startedAt: true } as const;

function toFacts(row: { id: number; title: string; severity: string; status: string; isDrill: boolean; startedAt: Date }): IncidentFacts {
  return {
    id: row.id,
    title: row.title,
    severity: isSeverity(row.severity) ? row.severity : "P3",
    status: isStatus(row.status) ? row.status : "investigating",
    isDrill: row.isDrill,
    startedAt: row.startedAt,
  };
}

// Keeps each IN (...) list well below SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;
async function inChunks<T>(ids: number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** Histories of the incidents matching `where` (e.g. every open incident), three queries in all. */
export async function loadHistories(where: Prisma.IncidentWhereInput): Promise<IncidentHistory[]> {
  const incidents = (await prisma.incident.findMany({ where, select: incidentFactsSelect, orderBy: { id: "asc" } })).map(toFacts);
  if (incidents.length === 0) return [];
  const ids = incidents.map((i) => i.id);
  const [events, firings] = await Promise.all([
    inChunks(ids, (chunk) =>
      prisma.timelineEvent.findMany({
        where: { incidentId: { in: chunk }, kind: { in: HISTORY_KINDS } },
        select: { incidentId: true, kind: true, data: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
    ),
    inChunks(ids, (chunk) => prisma.escalationFiring.findMany({ where: { incidentId: { in: chunk } } })),
  ]);
  const byIncident = new Map<number, IncidentHistory>(
    incidents.map((incident) => [incident.id, { incident, severityHistory: [], statusHistory: [], firings: [] }]),
  );
  const declared = new Map<number, Severity>();
  const firstChangeFrom = new Map<number, Severity>();
  for (const event of events) {
    const h = byIncident.get(event.incidentId);
    if (!h) continue;
    const data = record(event.data);
    if (event.kind === "declared" && isSeverity(data.severity)) declared.set(event.incidentId, data.severity);
    else if (event.kind === "severity" && isSeverity(data.to)) {
      if (isSeverity(data.from) && !firstChangeFrom.has(event.incidentId)) firstChangeFrom.set(event.incidentId, data.from);
      h.severityHistory.push({ severity: data.to, at: event.createdAt });
    } else if (event.kind === "resolved") h.statusHistory.push({ status: "resolved", at: event.createdAt });
    else if (event.kind === "reopened") h.statusHistory.push({ status: "investigating", at: event.createdAt });
  }
  for (const f of firings) byIncident.get(f.incidentId)?.firings.push(f);
  for (const h of byIncident.values()) {
    // The initial severity: the declaration's; else the first change's "from"; else (rows written without a
    // timeline, e.g. imported) the current one.
    const initial = declared.get(h.incident.id) ?? firstChangeFrom.get(h.incident.id) ?? h.incident.severity;
    h.severityHistory.unshift({ severity: initial, at: h.incident.startedAt });
  }
  return [...byIncident.values()];
}

export interface ScheduleOptions {
  /** reminders while a fired step is unacknowledged; null turns them off */
  renotifyEveryMs?: number | null;
}

export function scheduleOf(h: IncidentHistory, now: Date, options: ScheduleOptions = {}): Schedule {
  const fired = h.firings.filter((f) => f.firedAt && f.fireKey === f.stepKey);
  return computeSchedule({
    startedAt: h.incident.startedAt,
    now,
    severityHistory: h.severityHistory,
    statusHistory: h.statusHistory,
    acknowledgements: fired
      .filter((f) => f.acknowledgedAt)
      .map((f) => ({ stepKey: f.stepKey, by: f.acknowledgedBy ?? "", at: f.acknowledgedAt! })),
    fired: fired.map((f) => ({ stepKey: f.stepKey, at: f.firedAt! })),
    renotifyEveryMs: options.renotifyEveryMs === undefined ? DEFAULT_RENOTIFY_EVERY_MS : options.renotifyEveryMs,
  });
}

export function firedKeys(h: IncidentHistory): string[] {
  return h.firings.filter((f) => f.firedAt).map((f) => f.fireKey);
}
