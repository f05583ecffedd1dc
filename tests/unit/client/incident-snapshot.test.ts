import { describe, expect, it } from "vitest";
import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import { applyIncidentSnapshot, mergeTimelineHead } from "@/lib/client/incident-snapshot";
import { escalationKeys, queryKeys } from "@/lib/client/query-keys";
import type { IncidentSnapshot } from "@/lib/server/live-snapshot";
import type { TimelineEventDto } from "@/lib/server/incident-dto";
import type { Page } from "@/lib/client/api";

const ev = (id: string) => ({ id, kind: "note", message: id }) as unknown as TimelineEventDto;
const pages = (...p: { items: string[]; nextCursor?: string }[]): InfiniteData<Page<TimelineEventDto>, string | undefined> => ({
  pages: p.map((x) => ({ items: x.items.map(ev), nextCursor: x.nextCursor })),
  pageParams: p.map((_, i) => (i === 0 ? undefined : `c${i}`)),
});
const ids = (d: InfiniteData<Page<TimelineEventDto>, string | undefined> | null | undefined) =>
  d?.pages.map((p) => p.items.map((e) => e.id));

describe("merging a pushed timeline head into the room's pages", () => {
  it("puts the events not yet shown on top of the first page and keeps older pages and cursors", () => {
    const shown = pages({ items: ["e5", "e4", "e3"], nextCursor: "c1" }, { items: ["e2", "e1"] });
    const merged = mergeTimelineHead(shown, { items: [ev("e7"), ev("e6"), ev("e5"), ev("e4")], nextCursor: "x" });
    expect(ids(merged)).toEqual([
      ["e7", "e6", "e5", "e4", "e3"],
      ["e2", "e1"],
    ]);
    expect(merged?.pages[0].nextCursor).toBe("c1");
    expect(merged?.pageParams).toEqual(shown.pageParams);
  });

  it("changes nothing when everything is shown, and starts an empty timeline", () => {
    const shown = pages({ items: ["e2", "e1"] });
    expect(mergeTimelineHead(shown, { items: [ev("e2"), ev("e1")] })).toBe(shown);
    expect(ids(mergeTimelineHead(pages({ items: [] }), { items: [ev("e1")] }))).toEqual([["e1"]]);
  });

  it("refuses a head that does not reach what is shown (more happened than one page): the room refetches, no gap", () => {
    const shown = pages({ items: ["e2", "e1"] });
    expect(mergeTimelineHead(shown, { items: [ev("e9"), ev("e8")], nextCursor: "x" })).toBeNull();
  });
});

describe("applying a snapshot to the cache", () => {
  const snapshot = (version: number, head: string[]) =>
    ({
      incident: { id: 3, version, severity: "P0" },
      timeline: { items: head.map(ev) },
      escalation: { steps: [], next: null },
    }) as unknown as IncidentSnapshot;

  it("sets the incident, the escalation and the merged timeline; an older snapshot changes nothing", () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.timelinePages(3), pages({ items: ["e1"] }));
    applyIncidentSnapshot(client, 3, snapshot(5, ["e2", "e1"]), 1_000);
    expect(client.getQueryData(queryKeys.incident(3))).toMatchObject({ version: 5, fetchedAt: 1_000 });
    expect(client.getQueryData(escalationKeys.incident(3))).toMatchObject({ fetchedAt: 1_000 });
    expect(ids(client.getQueryData(queryKeys.timelinePages(3)))).toEqual([["e2", "e1"]]);

    applyIncidentSnapshot(client, 3, snapshot(4, ["e1"]), 2_000);
    expect(client.getQueryData(queryKeys.incident(3))).toMatchObject({ version: 5, fetchedAt: 1_000 });
  });

  it("marks the timeline stale when the head leaves a gap", async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.timelinePages(3), pages({ items: ["e1"] }));
    applyIncidentSnapshot(client, 3, snapshot(6, ["e9"]), 1_000);
    await Promise.resolve();
    expect(client.getQueryState(queryKeys.timelinePages(3))?.isInvalidated).toBe(true);
    expect(ids(client.getQueryData(queryKeys.timelinePages(3)))).toEqual([["e1"]]);
  });
});
