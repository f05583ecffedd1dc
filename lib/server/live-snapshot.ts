import "server-only";
// The data pushed with an incident's change to every open room (app/api/v1/stream): the incident, the newest page
// of its timeline and its escalation schedule, read ONCE per change per app instance however many screens watch
// it — a P0 room open on 200 screens would otherwise make 200 refetches of each part per change.
import type { ChangeMessage } from "./change-bus";
import { loadIncidentRoomRows, toIncidentRoomDto, type IncidentRoomDto } from "./incident-room-read";
import { getTimelinePage } from "./incidents";
import { getIncidentEscalation } from "./escalations/read-model";
import type { IncidentEscalationDto } from "./escalations/dto";
import type { TimelineEventDto } from "./incident-dto";
import type { Actor } from "./actor";
import { can } from "@/lib/domain/roles";
import { incidentIdOfTopic } from "@/lib/domain/live-topics";
import { now as clockNow } from "./clock";

export interface IncidentSnapshot {
  incident: IncidentRoomDto;
  /** the timeline's newest page, as the room's first page (order=desc) */
  timeline: { items: TimelineEventDto[]; nextCursor?: string };
  escalation: IncidentEscalationDto;
}

// Every subscriber of this instance receives the same message object (one per change), so the reads hang off it
// and are gone with it. Keyed by what differs between viewers: only contact details in the escalation view.
const built = new WeakMap<ChangeMessage, Map<string, Promise<string | null>>>();

/**
 * The change as the SSE `data:` line: with the snapshot when the message names the parts it touched and they are
 * all in the snapshot; the bare message otherwise (the room then refetches). A snapshot that cannot be read (the
 * incident was deleted, the database hiccuped) falls back to the bare message: the room refetches, nothing is lost.
 */
export function changeEventData(message: ChangeMessage, viewer: Actor): Promise<string> {
  const bare = JSON.stringify(message);
  const id = incidentIdOfTopic(message.topic);
  if (id === null || !message.parts || message.parts.length === 0) return Promise.resolve(bare);
  const showContacts = can(viewer.role, "contacts.edit");
  let forMessage = built.get(message);
  if (!forMessage) built.set(message, (forMessage = new Map<string, Promise<string | null>>()));
  const key = showContacts ? "contacts" : "plain";
  let json = forMessage.get(key);
  if (!json) {
    json = buildSnapshot(id, viewer).then(
      (snapshot) => JSON.stringify({ ...message, snapshot }),
      (error: unknown) => {
        console.error(`[live] snapshot of ${message.topic} failed; rooms refetch instead`, error);
        return null;
      },
    );
    forMessage.set(key, json);
  }
  return json.then((data) => data ?? bare);
}

async function buildSnapshot(id: number, viewer: Actor): Promise<IncidentSnapshot> {
  // Straight from the database, not the read cache: the change that triggers this is what the cache drops.
  const [rows, timeline, escalation] = await Promise.all([
    loadIncidentRoomRows(id),
    getTimelinePage(id, { order: "desc" }),
    getIncidentEscalation(viewer, id),
  ]);
  return { incident: toIncidentRoomDto(id, rows, clockNow()), timeline, escalation };
}
