import "server-only";
import type { IncidentEvent } from "../incident-events";

/** Called after incident changes commit: drills record acknowledge/mitigate times. */
export async function onIncidentEventsForDrills(_events: IncidentEvent[]): Promise<void> {}
