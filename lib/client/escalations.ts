"use client";
// Browser-side fetchers and query keys of the escalation feature. The board's key is the prefix of the
// notification log's, so one "escalations" change event refreshes both; an incident's schedule sits under
// the incident's key, so the room's "incident:<id>" events refresh it.
import { apiFetch, type WithFetchedAt } from "./api";
import type {
  AcknowledgeResult,
  EscalationBoardDto,
  IncidentEscalationDto,
  NotificationLogDto,
  PagingReadinessDto,
} from "@/lib/server/escalations/dto";

export { escalationKeys } from "./query-keys";

export async function fetchBoard(signal?: AbortSignal): Promise<WithFetchedAt<EscalationBoardDto>> {
  return { ...(await apiFetch<EscalationBoardDto>("/api/v1/escalations", { signal })), fetchedAt: Date.now() };
}

export async function fetchIncidentEscalation(id: number, signal?: AbortSignal): Promise<WithFetchedAt<IncidentEscalationDto>> {
  return { ...(await apiFetch<IncidentEscalationDto>(`/api/v1/escalations?incidentId=${id}`, { signal })), fetchedAt: Date.now() };
}

export async function fetchNotifications(incidentId: number | null, cursor: string | undefined, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (incidentId !== null) params.set("incidentId", String(incidentId));
  if (cursor) params.set("cursor", cursor);
  return apiFetch<{ items: NotificationLogDto[]; nextCursor?: string }>(`/api/v1/notifications?${params}`, { signal });
}

export function acknowledgeStep(incidentId: number, stepId: string) {
  return apiFetch<AcknowledgeResult>(`/api/v1/incidents/${incidentId}/escalations/${encodeURIComponent(stepId)}/ack`, { method: "POST" });
}

export function fetchReadiness(signal?: AbortSignal) {
  return apiFetch<PagingReadinessDto>("/api/v1/escalations/readiness", { signal });
}
