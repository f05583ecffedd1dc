import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { changeIncident } from "@/lib/server/incidents";
import { changeIncidentInput } from "@/lib/domain/incident-input";
import { cachedIncidentRead } from "@/lib/server/incident-read-cache";
import { loadIncidentRoomRows, toIncidentRoomDto } from "@/lib/server/incident-room-read";
import { now as clockNow } from "@/lib/server/clock";

// The room's read, from the per-instance read cache while nothing about the incident changed.
export const GET = apiRoute({}, async ({ params }) => {
  const id = incidentIdParam(params.id);
  const rows = await cachedIncidentRead(id, "room", () => loadIncidentRoomRows(id));
  return toIncidentRoomDto(id, rows, clockNow());
});
export const PATCH = apiRoute({ permission: "incident.update", body: changeIncidentInput }, async ({ actor, body, params }) =>
  changeIncident(actor, incidentIdParam(params.id), body),
);
