import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { changeIncident } from "@/lib/server/incidents";
import { changeIncidentInput } from "@/lib/domain/incident-input";
import { readIncidentRoom } from "@/lib/server/incident-room-read";

// The room's read, from the per-instance read cache while nothing about the incident changed.
export const GET = apiRoute({}, async ({ params }) => readIncidentRoom(incidentIdParam(params.id)));
export const PATCH = apiRoute({ permission: "incident.update", body: changeIncidentInput }, async ({ actor, body, params }) =>
  changeIncident(actor, incidentIdParam(params.id), body),
);
