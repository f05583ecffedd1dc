// Applies the data an incident's change carries (lib/server/live-snapshot.ts) to the room's react-query cache, so
// the room updates without refetching. Pure cache arithmetic, kept apart from React so it is tested directly.
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { IncidentSnapshot } from "@/lib/server/live-snapshot";
import type { IncidentDto, TimelineEventDto } from "@/lib/server/incident-dto";
import type { IncidentEscalationDto } from "@/lib/server/escalations/dto";
import type { Page, WithFetchedAt } from "./api";
import { escalationKeys, queryKeys } from "./query-keys";

type TimelinePages = InfiniteData<Page<TimelineEventDto>, string | undefined>;

/**
 * The room's loaded timeline pages with the snapshot's newest page merged in: events not yet shown go on top of the
 * first page, the older pages (and their cursors) stay. `null` when the snapshot does not reach what is shown — more
 * events happened than one page holds since the room last looked — so the caller refetches instead of leaving a gap.
 */
export function mergeTimelineHead(pages: TimelinePages, head: Page<TimelineEventDto>): TimelinePages | null {
  const first = pages.pages[0];
  if (!first) return null;
  const shown = new Set(pages.pages.flatMap((p) => p.items.map((e) => e.id)));
  const fresh = head.items.filter((e) => !shown.has(e.id));
  if (fresh.length === 0) return pages;
  const overlaps = fresh.length < head.items.length || (first.items.length === 0 && !first.nextCursor);
  if (!overlaps) return null;
  return { ...pages, pages: [{ ...first, items: [...fresh, ...first.items] }, ...pages.pages.slice(1)] };
}

/** Puts a pushed snapshot into the cache; an older snapshot than what is shown changes nothing. */
export function applyIncidentSnapshot(client: QueryClient, id: number, snapshot: IncidentSnapshot, receivedAt = Date.now()): void {
  const current = client.getQueryData<WithFetchedAt<IncidentDto>>(queryKeys.incident(id));
  if (current && current.version > snapshot.incident.version) return;
  client.setQueryData<WithFetchedAt<IncidentDto>>(queryKeys.incident(id), { ...snapshot.incident, fetchedAt: receivedAt });
  client.setQueryData<WithFetchedAt<IncidentEscalationDto>>(escalationKeys.incident(id), { ...snapshot.escalation, fetchedAt: receivedAt });
  const pages = client.getQueryData<TimelinePages>(queryKeys.timelinePages(id));
  if (!pages) return;
  const merged = mergeTimelineHead(pages, snapshot.timeline);
  if (merged) client.setQueryData(queryKeys.timelinePages(id), merged);
  else void client.invalidateQueries({ queryKey: queryKeys.timelinePages(id) });
}
