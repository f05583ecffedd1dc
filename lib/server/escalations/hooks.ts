import "server-only";
import type { IncidentEvent } from "../incident-events";

/** Called after incident changes commit: schedule escalations and notify the manual's channels. */
export async function onIncidentEventsForEscalation(_events: IncidentEvent[]): Promise<void> {}
