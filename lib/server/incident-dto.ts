import "server-only";
// The JSON shape of an incident, the same for the API and the pages.
import { computeSla } from "@/lib/domain/sla";
import { isSeverity, type Severity } from "@/lib/domain/severity";
import { isStatus, type Status } from "@/lib/domain/status";

export interface IncidentRow {
  id: number;
  title: string;
  description: string;
  severity: string;
  status: string;
  scenario: string | null;
  commanderId: string | null;
  commander?: { id: string; name: string } | null;
  declaredBy?: { id: string; name: string } | null;
  source: string;
  isDrill: boolean;
  startedAt: Date;
  resolvedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface IncidentDto {
  id: number;
  title: string;
  description: string;
  severity: Severity;
  status: Status;
  scenario: string | null;
  commander: { id: string; name: string } | null;
  declaredBy: { id: string; name: string } | null;
  source: string;
  isDrill: boolean;
  startedAt: string;
  resolvedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  sla: { targetAt: string; remainingMs: number; breached: boolean };
}

export function toIncidentDto(row: IncidentRow, now: Date): IncidentDto {
  const severity = isSeverity(row.severity) ? row.severity : "P3";
  const status = isStatus(row.status) ? row.status : "investigating";
  const sla = computeSla({ severity, startedAt: row.startedAt, resolvedAt: row.resolvedAt, now });
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    severity,
    status,
    scenario: row.scenario,
    commander: row.commander ? { id: row.commander.id, name: row.commander.name } : null,
    declaredBy: row.declaredBy ? { id: row.declaredBy.id, name: row.declaredBy.name } : null,
    source: row.source,
    isDrill: row.isDrill,
    startedAt: row.startedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    sla: { targetAt: sla.targetAt.toISOString(), remainingMs: sla.remainingMs, breached: sla.breached },
  };
}

export const incidentInclude = {
  commander: { select: { id: true, name: true } },
  declaredBy: { select: { id: true, name: true } },
} as const;

export interface TimelineEventDto {
  id: string;
  kind: string;
  actorName: string;
  message: string;
  data: unknown;
  createdAt: string;
}

export function toTimelineDto(row: {
  id: string;
  kind: string;
  actorName: string;
  message: string;
  data: unknown;
  createdAt: Date;
}): TimelineEventDto {
  return {
    id: row.id,
    kind: row.kind,
    actorName: row.actorName,
    message: row.message,
    data: row.data ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
