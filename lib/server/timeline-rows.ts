import "server-only";
// Writing a timeline entry with one statement (sql-rows.ts), for the changes every incident makes — its
// declaration first. The id is made here, so the caller can point at the entry (the outbox event records it).
import { insertRows, newRowId, type RowDb } from "./sql-rows";
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
