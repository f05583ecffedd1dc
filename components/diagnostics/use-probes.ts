"use client";
// Titles and target kinds of every probe (they never change while the app runs).
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { ProbeInfo } from "@/lib/diagnostics/registry";
import type { ProbeId } from "@/lib/diagnostics/types";

export function useProbeCatalog() {
  const query = useQuery({
    queryKey: ["diagnostics", "probes"],
    queryFn: async ({ signal }) => (await apiFetch<{ items: ProbeInfo[] }>("/api/v1/diagnostics/probes", { signal })).items,
    staleTime: Infinity,
  });
  const byId = new Map((query.data ?? []).map((p) => [p.id, p]));
  return {
    all: query.data ?? [],
    title: (id: ProbeId, locale: "ko" | "en") => byId.get(id)?.title[locale] ?? id,
    error: query.isError ? query.error.message : null,
  };
}
