import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { getEscalationBoard, getIncidentEscalation } from "@/lib/server/escalations/read-model";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({ incidentId: safeString().optional() });

/** The escalations board: every open incident's schedule; with ?incidentId= one incident (open or not). */
export const GET = apiRoute({ query: querySchema }, async ({ actor, query }) => {
  if (query.incidentId !== undefined) return getIncidentEscalation(actor, incidentIdParam(query.incidentId));
  return getEscalationBoard(actor);
});
