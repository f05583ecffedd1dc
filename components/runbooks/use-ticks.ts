"use client";
// Ticked runbook steps of an incident, with tick/untick that show at once and roll back on failure.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { diagKeys, fetchTicks, tickStep, untickStep, type RunbookTickDto } from "@/components/diagnostics/api";
import { queryKeys } from "@/lib/client/query-keys";

export function useTicks(incidentId: number | null, me: string) {
  const client = useQueryClient();
  const key = diagKeys.ticks(incidentId ?? 0);
  const ticks = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchTicks(incidentId ?? 0, signal),
    enabled: incidentId !== null,
    refetchInterval: 30_000,
  });
  const toggle = useMutation({
    mutationFn: async ({ stepId, done }: { stepId: string; done: boolean }) => {
      if (incidentId === null) return;
      if (done) await tickStep(incidentId, stepId);
      else await untickStep(incidentId, stepId);
    },
    onMutate: async ({ stepId, done }) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<RunbookTickDto[]>(key);
      const rest = (before ?? []).filter((t) => t.stepId !== stepId);
      client.setQueryData<RunbookTickDto[]>(key, done ? [...rest, { stepId, actorName: me, tickedAt: new Date().toISOString() }] : rest);
      return { before };
    },
    onError: (_error, _vars, context) => client.setQueryData(key, context?.before),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: key });
      if (incidentId !== null) void client.invalidateQueries({ queryKey: queryKeys.timeline(incidentId) });
    },
  });
  // The click itself, held in React state from the event handler on: the mutation's optimistic cache
  // update only lands after an await, and until then the controlled box would snap back for a moment.
  const [clicked, setClicked] = useState<{ stepId: string; done: boolean } | null>(null);
  const byStep = new Map((ticks.data ?? []).map((t) => [t.stepId, t]));
  if (clicked?.done && !byStep.has(clicked.stepId))
    byStep.set(clicked.stepId, { stepId: clicked.stepId, actorName: me, tickedAt: new Date().toISOString() });
  if (clicked && !clicked.done) byStep.delete(clicked.stepId);
  return {
    byStep,
    loading: incidentId !== null && ticks.isPending,
    loadError: ticks.isError ? ticks.error.message : null,
    toggle: (stepId: string, done: boolean) => {
      setClicked({ stepId, done });
      toggle.mutate({ stepId, done }, { onSettled: () => setClicked(null) });
    },
    pendingStep: toggle.isPending ? toggle.variables?.stepId : undefined,
    error: toggle.isError ? toggle.error.message : null,
  };
}
export type TicksState = ReturnType<typeof useTicks>;
