import { z } from "zod";
import { apiRoute, validationError } from "@/lib/server/api";
import { declareIncident, listIncidents } from "@/lib/server/incidents";
import { declareIncidentInput } from "@/lib/domain/incident-input";

const listQuery = z.strictObject({ status: z.enum(["open", "resolved", "all"], { error: "status must be open, resolved or all." }).optional() });

export const GET = apiRoute({}, async ({ request }) => {
  const parsed = listQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  return { items: await listIncidents({ status: parsed.data.status ?? "all" }) };
});

export const POST = apiRoute({ permission: "incident.declare", body: declareIncidentInput }, async ({ actor, body }) => {
  const incident = await declareIncident(actor, body);
  return Response.json(incident, { status: 201, headers: { location: `/api/v1/incidents/${incident.id}` } });
});
