import "server-only";
// The JSON shapes of postmortems, the same for the API and the pages. The JSON columns (sections, facts,
// checklist) are parsed defensively: a row edited by hand or written by an older version must never
// crash a page, so unknown keys and wrongly typed values are dropped instead of trusted.
import { POSTMORTEM_FIELD_KEYS, type PostmortemSections } from "@/lib/domain/postmortem/template";
import { isPostmortemStatus, type PostmortemStatus } from "@/lib/domain/postmortem/publish";
import { isChecklistItemKey, type ChecklistMark, type ChecklistState } from "@/lib/domain/postmortem/checklists";
import {
  ACTION_ITEM_HORIZONS,
  ACTION_ITEM_STATUSES,
  isOverdue,
  type ActionItemHorizon,
  type ActionItemStatus,
} from "@/lib/domain/postmortem/action-items";
import type { FactSourceKind, PrefillFact } from "@/lib/domain/postmortem/prefill";
import { isSeverity, type Severity } from "@/lib/domain/severity";
import { isStatus, type Status } from "@/lib/domain/status";

export interface ActionItemDto {
  id: string;
  postmortemId: string;
  title: string;
  owner: string;
  /** YYYY-MM-DD, due at the end of that day (Asia/Seoul) */
  dueDate: string;
  horizon: ActionItemHorizon;
  status: ActionItemStatus;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PostmortemIncidentDto {
  id: number;
  title: string;
  severity: Severity;
  status: Status;
  startedAt: string;
  resolvedAt: string | null;
}

export interface PostmortemDto {
  id: string;
  incidentId: number;
  title: string;
  status: PostmortemStatus;
  sections: PostmortemSections;
  facts: PrefillFact[];
  checklist: ChecklistState;
  /** optimistic concurrency for the sections: every save names the version it was based on */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** who saved last: shown with a refused (stale) save */
  updatedByName: string;
  publishedAt: string | null;
  incident: PostmortemIncidentDto;
  actionItems: ActionItemDto[];
}

/** The state a save (or a refused save) reports: enough for the editor to merge. */
export interface SectionsStateDto {
  sections: PostmortemSections;
  version: number;
  updatedAt: string;
  updatedByName: string;
}

export interface RevisionSummaryDto {
  id: string;
  version: number;
  authorName: string;
  createdAt: string;
}

export interface RevisionDto extends RevisionSummaryDto {
  sections: PostmortemSections;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseSections(json: unknown): PostmortemSections {
  const out: PostmortemSections = {};
  if (!isRecord(json)) return out;
  for (const key of POSTMORTEM_FIELD_KEYS) {
    const value = json[key];
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

const FACT_KINDS: readonly FactSourceKind[] = ["incident", "timeline", "diagnostic", "escalation"];

export function parseFacts(json: unknown): PrefillFact[] {
  if (!Array.isArray(json)) return [];
  const facts: PrefillFact[] = [];
  for (const raw of json) {
    if (!isRecord(raw) || !isRecord(raw.label) || !isRecord(raw.source)) continue;
    const { key, value, field } = raw;
    const { ko, en } = raw.label;
    const { kind, id } = raw.source;
    if (typeof key !== "string" || typeof value !== "string" || typeof ko !== "string" || typeof en !== "string") continue;
    if (typeof id !== "string" || !FACT_KINDS.includes(kind as FactSourceKind)) continue;
    const fact: PrefillFact = { key, value, label: { ko, en }, source: { kind: kind as FactSourceKind, id } };
    if (typeof field === "string" && (POSTMORTEM_FIELD_KEYS as readonly string[]).includes(field))
      fact.field = field as PrefillFact["field"];
    facts.push(fact);
  }
  return facts;
}

export function parseChecklist(json: unknown): ChecklistState {
  const out: ChecklistState = {};
  if (!isRecord(json)) return out;
  for (const [key, raw] of Object.entries(json)) {
    if (!isChecklistItemKey(key) || !isRecord(raw) || typeof raw.checked !== "boolean") continue;
    const mark: ChecklistMark = { checked: raw.checked };
    if (typeof raw.by === "string") mark.by = raw.by;
    if (typeof raw.at === "string") mark.at = raw.at;
    out[key] = mark;
  }
  return out;
}

export function toActionItemDto(
  row: {
    id: string;
    postmortemId: string;
    title: string;
    owner: string;
    dueDate: string;
    horizon: string;
    status: string;
    createdAt: Date;
    updatedAt: Date;
  },
  now: Date,
): ActionItemDto {
  const horizon = (ACTION_ITEM_HORIZONS as readonly string[]).includes(row.horizon) ? (row.horizon as ActionItemHorizon) : "short_term";
  const status = (ACTION_ITEM_STATUSES as readonly string[]).includes(row.status) ? (row.status as ActionItemStatus) : "open";
  return {
    id: row.id,
    postmortemId: row.postmortemId,
    title: row.title,
    owner: row.owner,
    dueDate: row.dueDate,
    horizon,
    status,
    overdue: isOverdue({ dueDate: row.dueDate, status }, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toIncidentSummary(row: {
  id: number;
  title: string;
  severity: string;
  status: string;
  startedAt: Date;
  resolvedAt: Date | null;
}): PostmortemIncidentDto {
  return {
    id: row.id,
    title: row.title,
    severity: isSeverity(row.severity) ? row.severity : "P3",
    status: isStatus(row.status) ? row.status : "investigating",
    startedAt: row.startedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

export interface PostmortemRow {
  id: string;
  incidentId: number;
  title: string;
  status: string;
  sections: unknown;
  facts: unknown;
  checklist: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedByName: string;
  publishedAt: Date | null;
  incident: { id: number; title: string; severity: string; status: string; startedAt: Date; resolvedAt: Date | null };
  actionItems: Parameters<typeof toActionItemDto>[0][];
}

export function toPostmortemDto(row: PostmortemRow, now: Date): PostmortemDto {
  return {
    id: row.id,
    incidentId: row.incidentId,
    title: row.title,
    status: isPostmortemStatus(row.status) ? row.status : "draft",
    sections: parseSections(row.sections),
    facts: parseFacts(row.facts),
    checklist: parseChecklist(row.checklist),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedByName,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    incident: toIncidentSummary(row.incident),
    actionItems: row.actionItems.map((item) => toActionItemDto(item, now)),
  };
}

export function toSectionsState(row: { sections: unknown; version: number; updatedAt: Date; updatedByName: string }): SectionsStateDto {
  return {
    sections: parseSections(row.sections),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedByName,
  };
}

export const postmortemInclude = {
  incident: { select: { id: true, title: true, severity: true, status: true, startedAt: true, resolvedAt: true } },
  actionItems: { orderBy: [{ dueDate: "asc" as const }, { createdAt: "asc" as const }] },
};

export { postmortemTopic } from "@/lib/domain/live-topics";
export { POSTMORTEMS_TOPIC } from "@/lib/domain/live-topics";
