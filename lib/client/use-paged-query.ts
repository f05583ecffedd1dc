"use client";
import { useInfiniteQuery, type QueryKey } from "@tanstack/react-query";

/** A list read page by page after the server's cursor (`nextCursor`): later pages on demand, so nothing is cut silently. */
export function usePagedQuery<TPage extends { nextCursor?: string }>({
  queryKey,
  page,
  refetchInterval,
  refetchOnMount,
}: {
  queryKey: QueryKey;
  /** one page: the first without a cursor, each next one after the previous page's nextCursor */
  page: (cursor: string | undefined, signal: AbortSignal) => Promise<TPage>;
  refetchInterval: number;
  refetchOnMount?: "always";
}) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => page(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval,
    ...(refetchOnMount ? { refetchOnMount } : {}),
  });
}
