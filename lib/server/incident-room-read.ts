import "server-only";
// What the incident room reads about the incident itself: the incident and its escalation summary (from the
// escalation history alone: no notifications nor contacts). Served by GET /api/v1/incidents/{id} and pushed to
// open rooms with each change (lib/server/live-snapshot.ts), so both always carry the same shape.
import { loadIncidentRow } from "./incidents";
import { summarizeHistory } from "./escalations/read-model";
import { loadHistories } from "./escalations/state";
import { toIncidentDto, type IncidentDto } from "./incident-dto";
import type { IncidentEscalationSummaryDto } from "./escalations/dto";
import { notFound } from "./errors";

export type IncidentRoomRows = Awaited<ReturnType<typeof loadIncidentRoomRows>>;
export type IncidentRoomDto = IncidentDto & { escalation: IncidentEscalationSummaryDto };

export async function loadIncidentRoomRows(id: number) {
  const [row, [history]] = await Promise.all([loadIncidentRow(id), loadHistories({ id })]);
  return { row, history };
}

export function toIncidentRoomDto(id: number, rows: IncidentRoomRows, at: Date): IncidentRoomDto {
  if (!rows.row || !rows.history) throw notFound(`Incident ${id}`);
  return { ...toIncidentDto(rows.row, at), escalation: summarizeHistory(rows.history, at) };
}
