"use client";
// Titles and target kinds of every probe (they never change while the app runs).
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { ProbeInfo } from "@/lib/diagnostics/registry";
import type { ProbeId, TargetKind } from "@/lib/diagnostics/types";

/** A probe as GET /api/v1/diagnostics/probes lists it. */
export type ProbeCatalogItem = ProbeInfo & { targetConfigured?: boolean };
import { diagKeys } from "@/lib/client/query-keys";

export function useProbeCatalog() {
  const query = useQuery({
    queryKey: diagKeys.probes,
    queryFn: async ({ signal }) => (await apiFetch<{ items: ProbeCatalogItem[] }>("/api/v1/diagnostics/probes", { signal })).items,
    staleTime: Infinity,
  });
  const byId = new Map((query.data ?? []).map((p) => [p.id, p]));
  return {
    all: query.data ?? [],
    title: (id: ProbeId, locale: "ko" | "en") => byId.get(id)?.title[locale] ?? id,
    /** the probe's target kind and whether that target was configured (unknown while loading) */
    target: (id: ProbeId): { kind: TargetKind; configured: boolean } | undefined => {
      const p = byId.get(id);
      return p ? { kind: p.targetKind, configured: p.targetConfigured ?? true } : undefined;
    },
    error: query.isError ? query.error.message : null,
  };
}
