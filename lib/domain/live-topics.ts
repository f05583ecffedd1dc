// The change bus's topics (lib/server/change-bus.ts publishes them, the browser subscribes through
// /api/v1/stream): each spelled once, here, for both sides.
export const INCIDENTS_TOPIC = "incidents";
export const incidentTopic = (id: number) => `incident:${id}`;
/** What of an incident a change touched: open rooms take these from the pushed snapshot instead of refetching. */
export type LivePart = "incident" | "timeline" | "escalation";
/** An incident change (status, severity, note, escalation step fired, delivered or acknowledged) touches these. */
export const INCIDENT_ROOM_PARTS: readonly LivePart[] = ["incident", "timeline", "escalation"];
/** The room's topic with the parts its snapshot carries. */
export const incidentRoomChange = (id: number) => ({ topic: incidentTopic(id), parts: INCIDENT_ROOM_PARTS });

/** The incident id of an `incident:<id>` topic; null for every other topic. */
export function incidentIdOfTopic(topic: string): number | null {
  const match = /^incident:(\d+)$/.exec(topic);
  return match ? Number(match[1]) : null;
}
export const ESCALATIONS_TOPIC = "escalations";
export const ALERTS_TOPIC = "alerts";
export const DRILLS_TOPIC = "drills";
export const POSTMORTEMS_TOPIC = "postmortems";
export const postmortemTopic = (id: string) => `postmortem:${id}`;
export const RECOVERY_CHECKS_TOPIC = "recoverychecks";
