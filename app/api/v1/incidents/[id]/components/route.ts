import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { incidentComponentsInput } from "@/lib/domain/status/input";
import { setIncidentComponents } from "@/lib/server/status/room";

export const PUT = apiRoute({ permission: "incident.update", body: incidentComponentsInput }, async ({ actor, params, body }) =>
  setIncidentComponents(actor, incidentIdParam(params.id), body),
);
