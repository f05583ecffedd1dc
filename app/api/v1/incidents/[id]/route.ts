import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { changeIncident, getIncident } from "@/lib/server/incidents";
import { changeIncidentInput } from "@/lib/domain/incident-input";
import { getIncidentEscalation, summarize } from "@/lib/server/escalations/read-model";

export const GET = apiRoute({}, async ({ actor, params }) => {
  const id = incidentIdParam(params.id);
  const incident = await getIncident(id);
  return { ...incident, escalation: summarize(await getIncidentEscalation(actor, id)) };
});

export const PATCH = apiRoute({ permission: "incident.update", body: changeIncidentInput }, async ({ actor, body, params }) =>
  changeIncident(actor, incidentIdParam(params.id), body),
);
