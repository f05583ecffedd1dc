import "server-only";
// What the incident room reads about the incident itself: the incident and its escalation summary (from the
// escalation history alone: no notifications nor contacts). Served by GET /api/v1/incidents/{id} and pushed to
// open rooms with each change (lib/server/live-snapshot.ts), so both always carry the same shape.
import { getTimelinePage, loadIncidentRow } from "./incidents";
import { summarizeHistory } from "./escalations/read-model";
import { loadHistories } from "./escalations/state";
import { toIncidentDto, type IncidentDto } from "./incident-dto";
import type { IncidentEscalationSummaryDto } from "./escalations/dto";
import { notFound } from "./errors";
import { cachedIncidentRead } from "./incident-read-cache";
import { now as clockNow } from "./clock";

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

/** The room's read as GET /api/v1/incidents/{id} answers it (and the room's page prefetches it): from the read cache. */
export async function readIncidentRoom(id: number): Promise<IncidentRoomDto> {
  const rows = await cachedIncidentRead(id, "room", () => loadIncidentRoomRows(id));
  return toIncidentRoomDto(id, rows, clockNow());
}

export interface TimelineRead {
  order?: "asc" | "desc";
  kinds?: string[];
  after?: [createdAt: string, id: string];
  limit?: number;
}

/**
 * A timeline page as GET /api/v1/incidents/{id}/timeline answers it (and the room's page prefetches its first page):
 * the first page is what every open room refetches after a change, so it is shared through the read cache.
 */
export function readTimelinePage(id: number, query: TimelineRead) {
  const read = () => getTimelinePage(id, query);
  if (query.after) return read();
  return cachedIncidentRead(id, `timeline:${query.order ?? "asc"}:${query.kinds?.join(",") ?? ""}:${query.limit ?? ""}`, read);
}
