"use client";
// State of the probes of one incident (or of a runbook page on its own): recorded runs from the API,
// results streamed in by a run that is still going, which probes are running, and per probe the latest
// result next to the previous one so a re-run can be compared (e.g. critical → ok).
import { useCallback, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ProbeId } from "@/lib/diagnostics/types";
import { diagKeys, fetchBatches, streamRun, type DiagnosticRunDto } from "./api";
import { queryKeys } from "@/lib/client/query-keys";

export interface ProbeHistory {
  latest?: DiagnosticRunDto;
  previous?: DiagnosticRunDto;
}

const keyOf = (run: DiagnosticRunDto) => run.id || `${run.batchId}:${run.probeId}`;

/** Every known run, newest first, each once (a streamed run is also in the refetched batches). */
export function mergeRuns(recorded: readonly DiagnosticRunDto[], streamed: readonly DiagnosticRunDto[]): DiagnosticRunDto[] {
  const byKey = new Map<string, DiagnosticRunDto>();
  for (const run of [...recorded, ...streamed]) byKey.set(keyOf(run), run);
  return [...byKey.values()].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

export function historyOf(runs: readonly DiagnosticRunDto[], probeId: ProbeId): ProbeHistory {
  const mine = runs.filter((r) => r.probeId === probeId);
  return { latest: mine[0], previous: mine[1] };
}

export function useDiagnostics(incidentId: number | null) {
  const client = useQueryClient();
  const batches = useQuery({
    queryKey: diagKeys.runs(incidentId ?? 0),
    queryFn: ({ signal }) => fetchBatches(incidentId ?? 0, signal),
    enabled: incidentId !== null,
    refetchInterval: 30_000,
  });
  const [streamed, setStreamed] = useState<DiagnosticRunDto[]>([]);
  const [running, setRunning] = useState<ReadonlySet<ProbeId>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(
    async (probeIds?: ProbeId[]) => {
      setError(null);
      const controller = new AbortController();
      abort.current = controller;
      if (probeIds) setRunning((prev) => new Set([...prev, ...probeIds]));
      let started: ProbeId[] = probeIds ?? [];
      try {
        await streamRun(
          incidentId,
          probeIds,
          {
            onStart: (ids) => {
              started = ids;
              setRunning((prev) => new Set([...prev, ...ids]));
            },
            onResult: (result) => {
              setStreamed((prev) => [...prev, result]);
              setRunning((prev) => {
                const next = new Set(prev);
                next.delete(result.probeId);
                return next;
              });
            },
          },
          controller.signal,
        );
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      } finally {
        setRunning((prev) => new Set([...prev].filter((id) => !started.includes(id))));
        if (incidentId !== null) {
          void client.invalidateQueries({ queryKey: diagKeys.runs(incidentId) });
          void client.invalidateQueries({ queryKey: queryKeys.timeline(incidentId) });
        }
      }
    },
    [client, incidentId],
  );

  const recorded = (batches.data ?? []).flatMap((b) => b.runs);
  const runs = mergeRuns(recorded, streamed);
  return {
    runs,
    history: (probeId: ProbeId) => historyOf(runs, probeId),
    running,
    run,
    error,
    loading: incidentId !== null && batches.isPending,
    loadError: batches.isError ? batches.error.message : null,
  };
}
