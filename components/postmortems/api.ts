"use client";
// Browser-side calls of the postmortem and recovery APIs, and their react-query keys.
import { apiFetch, ApiError } from "@/lib/client/api";
import type { IncidentDto } from "@/lib/server/incident-dto";
import type { PostmortemSections } from "@/lib/domain/postmortem/template";
import type { ChecklistState } from "@/lib/domain/postmortem/checklists";
import type { ActionItemSummary } from "@/lib/domain/postmortem/action-items";
import type { PostmortemDto, RevisionDto, RevisionSummaryDto, SectionsStateDto } from "@/lib/server/postmortems/dto";
import type { PostmortemListItem, SaveResult } from "@/lib/server/postmortems/postmortems";
import type { ActionItemOverview } from "@/lib/server/postmortems/action-items";
import type { RecoveryBatchDto, RecoveryStateDto } from "@/lib/server/postmortems/recovery";
import type { RecoveryCheckDto } from "@/lib/server/postmortems/recovery-checks";

export type {
  PostmortemDto,
  RevisionDto,
  RevisionSummaryDto,
  SectionsStateDto,
  RecoveryStateDto,
  RecoveryBatchDto,
  RecoveryCheckDto,
  ActionItemOverview,
  PostmortemListItem,
};

export { pmKeys } from "@/lib/client/query-keys";

export const fetchPostmortem = (id: string, signal?: AbortSignal) => apiFetch<PostmortemDto>(`/api/v1/postmortems/${id}`, { signal });

export const fetchPostmortems = (signal?: AbortSignal, cursor?: string) =>
  apiFetch<{ items: PostmortemListItem[]; nextCursor?: string; actionItems: ActionItemSummary }>(
    cursor ? `/api/v1/postmortems?cursor=${encodeURIComponent(cursor)}` : "/api/v1/postmortems",
    { signal },
  );

/** The newest resolved incidents that have no postmortem yet (filtered by the server, not from one page). */
export const fetchIncidentsWithoutPostmortem = async (signal?: AbortSignal) => ({
  ...(await apiFetch<{ items: IncidentDto[] }>("/api/v1/incidents?status=resolved&postmortem=none&limit=20", { signal })),
  fetchedAt: Date.now(),
});

export const fetchActionItemOverview = (status: "open" | "overdue" | "all", signal?: AbortSignal) =>
  apiFetch<ActionItemOverview>(`/api/v1/postmortems/action-items?status=${status}`, { signal });

export const fetchRevisions = (id: string, signal?: AbortSignal) =>
  apiFetch<{ items: RevisionSummaryDto[]; nextCursor?: string }>(`/api/v1/postmortems/${id}/revisions`, { signal });

export const fetchRevision = (id: string, version: number, signal?: AbortSignal) =>
  apiFetch<RevisionDto>(`/api/v1/postmortems/${id}/revisions/${version}`, { signal });

export const fetchRecovery = (incidentId: number, signal?: AbortSignal) =>
  apiFetch<RecoveryStateDto>(`/api/v1/incidents/${incidentId}/recovery`, { signal });

export const fetchIncidentPostmortem = (incidentId: number, signal?: AbortSignal) =>
  apiFetch<{ postmortem: { id: string; status: string; updatedAt: string } | null }>(`/api/v1/incidents/${incidentId}/postmortem`, {
    signal,
  });

export const fetchRecoveryChecks = (signal?: AbortSignal) => apiFetch<{ items: RecoveryCheckDto[] }>("/api/v1/recovery-checks", { signal });

export type SaveOutcome = { ok: true; state: SaveResult } | { ok: false; current: SectionsStateDto; message: string };

/** One autosave: a 409 carrying `current` is an answer (someone saved first), not an error. */
export async function saveSections(
  id: string,
  sections: PostmortemSections,
  version: number,
  options: { keepalive?: boolean } = {},
): Promise<SaveOutcome> {
  try {
    // keepalive lets the last save finish while the tab closes (browsers cap such bodies at 64 KB).
    const state = await apiFetch<SaveResult>(`/api/v1/postmortems/${id}`, {
      method: "PUT",
      json: { sections, version },
      keepalive: options.keepalive,
    });
    return { ok: true, state };
  } catch (error) {
    const current =
      error instanceof ApiError && error.status === 409
        ? (error.body as { error?: { current?: SectionsStateDto } } | null)?.error?.current
        : undefined;
    if (error instanceof ApiError && current) return { ok: false, current, message: error.message };
    throw error;
  }
}

export const toggleChecklist = (id: string, itemKey: string, checked: boolean) =>
  apiFetch<{ checklist: ChecklistState }>(`/api/v1/postmortems/${id}/checklist`, { method: "POST", json: { itemKey, checked } });

export const createPostmortemFor = (incidentId: number, locale: "ko" | "en") =>
  apiFetch<PostmortemDto>(`/api/v1/incidents/${incidentId}/postmortem`, { method: "POST", json: { locale } });

/** The id of an existing postmortem from a 409 on create (someone started it first). */
export function existingPostmortemId(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const id = (error.body as { error?: { postmortem?: { id?: unknown } } } | null)?.error?.postmortem?.id;
  return typeof id === "string" ? id : null;
}
