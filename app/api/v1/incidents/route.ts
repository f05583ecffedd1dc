import { z } from "zod";
import { apiRoute } from "@/lib/server/api";
import { declareIncident, listIncidentPage, INCIDENT_CURSOR, type IncidentKey } from "@/lib/server/incidents";
import { cursorParam, decodeCursor, invalidCursor, limitParam } from "@/lib/server/pagination";
import { declareIncidentInput } from "@/lib/domain/incident-input";
import { SEVERITIES } from "@/lib/domain/severity";

const listQuery = z.strictObject({
  status: z.enum(["open", "resolved", "all"], { error: "status must be open, resolved or all." }).optional(),
  severity: z.enum(SEVERITIES, { error: "severity must be P0, P1, P2 or P3." }).optional(),
  postmortem: z.enum(["none", "any"], { error: "postmortem must be none or any." }).optional(),
  cursor: cursorParam,
  limit: limitParam,
});

/** The incident list page by page: `{items, nextCursor?}`; `?cursor=` is the previous answer's nextCursor. */
export const GET = apiRoute({ query: listQuery }, async ({ query, request }) => {
  let after: IncidentKey | undefined;
  if (query.cursor !== undefined) {
    after = decodeCursor(query.cursor, INCIDENT_CURSOR, request) as IncidentKey;
    if (after[0] !== "o" && after[0] !== "r") throw invalidCursor(request);
  }
  return listIncidentPage({
    status: query.status ?? "all",
    severity: query.severity,
    hasPostmortem: query.postmortem === undefined ? undefined : query.postmortem === "any",
    after,
    limit: query.limit,
  });
});

export const POST = apiRoute({ permission: "incident.declare", body: declareIncidentInput }, async ({ actor, body }) => {
  const incident = await declareIncident(actor, body);
  return Response.json(incident, { status: 201, headers: { location: `/api/v1/incidents/${incident.id}` } });
});
