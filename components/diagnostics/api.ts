"use client";
// Browser-side calls of the diagnostics and runbook-tick APIs, their react-query keys, and the reader
// of the streamed "Run" answer (NDJSON: one line per probe result as it finishes).
import { apiFetch, ApiError } from "@/lib/client/api";
import { ndjsonLines } from "@/lib/client/ndjson";
import type { ProbeId } from "@/lib/diagnostics/types";
import type {
  DiagnosticBatchDto,
  DiagnosticRunDto,
  DiagnosticsStreamLine,
  RunbookTickDto,
  VerdictCounts,
} from "@/lib/server/diagnostics/dto";

export type { DiagnosticBatchDto, DiagnosticRunDto, RunbookTickDto, VerdictCounts };

export { diagKeys } from "@/lib/client/query-keys";

export const fetchBatches = async (incidentId: number, signal?: AbortSignal) =>
  (await apiFetch<{ items: DiagnosticBatchDto[] }>(`/api/v1/incidents/${incidentId}/diagnostics`, { signal })).items;

export const fetchTicks = async (incidentId: number, signal?: AbortSignal) =>
  (await apiFetch<{ items: RunbookTickDto[] }>(`/api/v1/incidents/${incidentId}/runbook/ticks`, { signal })).items;

export const tickStep = (incidentId: number, stepId: string) =>
  apiFetch<RunbookTickDto & { created: boolean }>(`/api/v1/incidents/${incidentId}/runbook/ticks`, { method: "POST", json: { stepId } });

export const untickStep = (incidentId: number, stepId: string) =>
  apiFetch<null>(`/api/v1/incidents/${incidentId}/runbook/ticks?stepId=${encodeURIComponent(stepId)}`, { method: "DELETE" });

export interface StreamHandlers {
  onStart?: (probeIds: ProbeId[], batchId: string) => void;
  onResult: (run: DiagnosticRunDto) => void;
  onDone?: (counts: VerdictCounts, durationMs: number) => void;
}

/**
 * POSTs a run and calls the handlers as lines arrive. Throws ApiError for a refused request (403, 404,
 * 422 come back as plain JSON before any streaming starts) and for a run that failed on the server.
 */
export async function streamRun(
  incidentId: number | null,
  probeIds: ProbeId[] | undefined,
  handlers: StreamHandlers,
  signal?: AbortSignal,
): Promise<void> {
  const url = incidentId === null ? "/api/v1/diagnostics/runs" : `/api/v1/incidents/${incidentId}/diagnostics`;
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/x-ndjson" },
    body: JSON.stringify(probeIds ? { probeIds } : {}),
    signal,
  });
  if (!res.ok || !res.body) {
    const text = await res.text();
    let error: { code?: string; message?: string } | undefined;
    try {
      error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    } catch {
      error = undefined;
    }
    throw new ApiError(res.status, error?.code ?? "http_error", error?.message ?? `${res.status} ${res.statusText}`);
  }
  for await (const value of ndjsonLines(res.body)) {
    const line = value as DiagnosticsStreamLine;
    if (line.type === "start")
      handlers.onStart?.(
        line.probes.map((p) => p.id),
        line.batchId,
      );
    else if (line.type === "result") handlers.onResult(line.run);
    else if (line.type === "done") handlers.onDone?.(line.counts, line.durationMs);
    else throw new ApiError(500, line.error.code, line.error.message);
  }
}
