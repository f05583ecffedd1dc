import "server-only";
// First paint with the data (issue 12): the incident room, the incident list and the escalation board read on the
// server what their client hooks would fetch, under the same react-query keys and in the same JSON shape as the API
// answers, and hand it over with <HydrationBoundary state={dehydrate(client)}> (TanStack Query's App Router pattern).
// The browser's react-query then takes over: polling, live updates (lib/client/use-live.ts) and one refetch on mount
// (the hooks' refetchOnMount: "always"), which picks up whatever changed between this render and the live stream's
// connection. The reads are the API routes' own, with the signed-in viewer's visibility (contacts and all).
import { QueryClient, dehydrate, type DehydratedState } from "@tanstack/react-query";
import type { Actor } from "./actor";
import { readIncidentRoom, readTimelinePage } from "./incident-room-read";
import { listIncidentPage } from "./incidents";
import { getEscalationBoard, getIncidentEscalation } from "./escalations/read-model";
import { getPagingReadiness } from "./escalations/readiness";
import { onCallSummary } from "./oncall/queries";
import { escalationKeys, oncallKeys, queryKeys } from "@/lib/client/query-keys";

/** A value exactly as the JSON API sends it: dates as ISO strings, undefined fields dropped. */
export function asApiJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** As the browser's fetchers return it (lib/client/api.ts): the API's JSON and when it was read. */
function fetched<T extends object>(value: T): T & { fetchedAt: number } {
  return { ...asApiJson(value), fetchedAt: Date.now() };
}

/** The incident list's default filter (components/incidents/incident-list.tsx). */
export const FIRST_LIST_FILTER = "all";

function serverClient(): QueryClient {
  // one client per request, never shared between viewers; a failed read is left to the browser to retry and report
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
}

/** The prefetched state; a read that failed is logged and left out (the browser reads it and shows its error). */
function handOver(client: QueryClient): DehydratedState {
  for (const query of client.getQueryCache().getAll()) {
    if (query.state.status === "error")
      console.error(`[first-paint] ${query.queryHash} failed; the browser reads it instead`, query.state.error);
  }
  return dehydrate(client);
}

/** The room's incident, the newest page of its timeline and its escalation schedule. */
export async function firstPaintOfIncident(viewer: Actor, id: number): Promise<DehydratedState> {
  const client = serverClient();
  await Promise.all([
    client.prefetchQuery({ queryKey: queryKeys.incident(id), queryFn: async () => fetched(await readIncidentRoom(id)) }),
    client.prefetchInfiniteQuery({
      queryKey: queryKeys.timelinePages(id),
      queryFn: async () => asApiJson(await readTimelinePage(id, { order: "desc" })),
      initialPageParam: undefined as string | undefined,
    }),
    client.prefetchQuery({
      queryKey: escalationKeys.incident(id),
      queryFn: async () => fetched(await getIncidentEscalation(viewer, id)),
    }),
  ]);
  return handOver(client);
}

/** The first page of the incident list under its default filter. */
export async function firstPaintOfIncidentList(): Promise<DehydratedState> {
  const client = serverClient();
  await client.prefetchInfiniteQuery({
    queryKey: queryKeys.incidentPages(FIRST_LIST_FILTER),
    queryFn: async () => fetched(await listIncidentPage({ status: FIRST_LIST_FILTER })),
    initialPageParam: undefined as string | undefined,
  });
  return handOver(client);
}

/** The escalation board as the viewer may see it, with its paging-readiness banner and who is on call. */
export async function firstPaintOfEscalationBoard(viewer: Actor): Promise<DehydratedState> {
  const client = serverClient();
  await Promise.all([
    client.prefetchQuery({ queryKey: escalationKeys.board, queryFn: async () => fetched(await getEscalationBoard(viewer)) }),
    client.prefetchQuery({ queryKey: escalationKeys.readiness, queryFn: async () => asApiJson(await getPagingReadiness()) }),
    client.prefetchQuery({ queryKey: oncallKeys.summary, queryFn: async () => asApiJson(await onCallSummary()) }),
  ]);
  return handOver(client);
}
