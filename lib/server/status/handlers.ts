import "server-only";
// Run by the incident event dispatcher for committed incident events: a published update, a resolution or a
// severity change can change the public page, so this instance's cached copy is dropped (others follow
// within the cache's TTL).
import type { IncidentEvent } from "../incident-events";
import { invalidateStatusSnapshot } from "./snapshot-cache";

export function onIncidentEventsForStatusPage(events: IncidentEvent[]): Promise<void> {
  if (events.some((e) => e.kind !== "note" && !e.isDrill)) invalidateStatusSnapshot();
  return Promise.resolve();
}
