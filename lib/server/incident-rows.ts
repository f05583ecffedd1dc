import "server-only";
// Writing an incident's first rows with one statement each (sql-rows.ts): the incident a declaration creates and
// the timeline entries every change makes. A timeline entry's id is made here, so the caller can point at it (the
// outbox event records it).
import { insertRowReturningId, insertRows, newRowId, type ReturningDb, type RowDb } from "./sql-rows";
import type { Incident } from "@/lib/generated/prisma/client";
import { toJsonValue } from "./json";

const TIMELINE_COLUMNS = [
  ["id", "text"],
  ["incidentId", "int"],
  ["kind", "text"],
  ["actorId", "text"],
  ["actorName", "text"],
  ["message", "text"],
  ["data", "json"],
  ["createdAt", "time"],
] as const;

export interface TimelineEntryInput {
  incidentId: number;
  kind: string;
  actorId: string | null;
  actorName: string;
  message: string;
  data?: unknown;
  createdAt: Date;
}

/** Writes the entry; returns its id. */
export async function insertTimelineEvent(db: RowDb, e: TimelineEntryInput): Promise<string> {
  const id = newRowId();
  const data = e.data === undefined ? null : (toJsonValue(e.data) as Record<string, unknown>);
  await insertRows(db, "TimelineEvent", TIMELINE_COLUMNS, [
    [id, e.incidentId, e.kind, e.actorId, e.actorName, e.message, data, e.createdAt],
  ]);
  return id;
}

const INCIDENT_COLUMNS = [
  ["title", "text"],
  ["description", "text"],
  ["severity", "text"],
  ["status", "text"],
  ["scenario", "text"],
  ["commanderId", "text"],
  ["declaredById", "text"],
  ["source", "text"],
  ["isDrill", "bool"],
  ["startedAt", "time"],
  ["resolvedAt", "time"],
  ["version", "int"],
  ["createdAt", "time"],
  ["updatedAt", "time"],
] as const;

/**
 * Writes a new incident (every column given: the row returned is what Prisma would read back); returns the row with
 * the id the database gave it. A declaration's first write.
 */
export async function insertIncident(db: RowDb & ReturningDb, incident: Omit<Incident, "id">): Promise<Incident> {
  const id = await insertRowReturningId(
    db,
    "Incident",
    INCIDENT_COLUMNS,
    INCIDENT_COLUMNS.map(([c]) => incident[c]),
  );
  return { id, ...incident };
}
