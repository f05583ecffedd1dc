import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { changeIncident, getIncident } from "@/lib/server/incidents";
import { changeIncidentInput } from "@/lib/domain/incident-input";

export const GET = apiRoute({}, async ({ params }) => getIncident(incidentIdParam(params.id)));

export const PATCH = apiRoute({ permission: "incident.update", body: changeIncidentInput }, async ({ actor, body, params }) =>
  changeIncident(actor, incidentIdParam(params.id), body),
);
