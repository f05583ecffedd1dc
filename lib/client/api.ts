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

export { queryKeys } from "./query-keys";

export type WithFetchedAt<T> = T & { fetchedAt: number };

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

const withCursor = (path: string, cursor: string | undefined) => (cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path);

/** One page of the incident list (`cursor` from the previous page's nextCursor). */
export async function fetchIncidents(status: string, signal?: AbortSignal, cursor?: string) {
  const data = await apiFetch<Page<IncidentDto>>(withCursor(`/api/v1/incidents?status=${status}`, cursor), { signal });
  return { items: data.items, nextCursor: data.nextCursor, fetchedAt: Date.now() };
}

export async function fetchIncident(id: number, signal?: AbortSignal): Promise<WithFetchedAt<IncidentDto>> {
  const data = await apiFetch<IncidentDto>(`/api/v1/incidents/${id}`, { signal });
  return { ...data, fetchedAt: Date.now() };
}

/** One page of the timeline, newest first (what the room shows). */
export async function fetchTimelinePage(id: number, cursor: string | undefined, signal?: AbortSignal) {
  return apiFetch<Page<TimelineEventDto>>(withCursor(`/api/v1/incidents/${id}/timeline?order=desc`, cursor), { signal });
}

/** Every timeline event of some kinds, oldest first, all pages walked. */
export async function fetchTimelineKinds(id: number, kinds: readonly string[], signal?: AbortSignal) {
  const all: TimelineEventDto[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiFetch<Page<TimelineEventDto>>(
      withCursor(`/api/v1/incidents/${id}/timeline?limit=500&kind=${kinds.join(",")}`, cursor),
      { signal },
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
