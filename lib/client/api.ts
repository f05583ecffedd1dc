"use client";
// Browser-side calls to the JSON API: one error type carrying the server's {"error": {...}} shape.
import type { IncidentDto, TimelineEventDto } from "@/lib/server/incident-dto";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(path, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await res.text();
  const data = text ? safeJson(text) : null;
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? "http_error", err?.message ?? `${res.status} ${res.statusText}`, err?.fields, data);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { code: "bad_response", message: text.slice(0, 200) } };
  }
}

export const queryKeys = {
  incidents: (status: string) => ["incidents", status] as const,
  incident: (id: number) => ["incident", id] as const,
  timeline: (id: number) => ["incident", id, "timeline"] as const,
};

export type WithFetchedAt<T> = T & { fetchedAt: number };

export async function fetchIncidents(status: string, signal?: AbortSignal) {
  const data = await apiFetch<{ items: IncidentDto[] }>(`/api/v1/incidents?status=${status}`, { signal });
  return { items: data.items, fetchedAt: Date.now() };
}

export async function fetchIncident(id: number, signal?: AbortSignal): Promise<WithFetchedAt<IncidentDto>> {
  const data = await apiFetch<IncidentDto>(`/api/v1/incidents/${id}`, { signal });
  return { ...data, fetchedAt: Date.now() };
}

export async function fetchTimeline(id: number, signal?: AbortSignal) {
  return (await apiFetch<{ items: TimelineEventDto[] }>(`/api/v1/incidents/${id}/timeline`, { signal })).items;
}
