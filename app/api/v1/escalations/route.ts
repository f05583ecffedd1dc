import { z } from "zod";
import { apiRoute, incidentIdParam, validationError } from "@/lib/server/api";
import { getEscalationBoard, getIncidentEscalation } from "@/lib/server/escalations/read-model";

export const dynamic = "force-dynamic";

const query = z.strictObject({ incidentId: z.string().optional() });

/** The escalations board: every open incident's schedule; with ?incidentId= one incident (open or not). */
export const GET = apiRoute({}, async ({ actor, request }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  if (parsed.data.incidentId !== undefined) return getIncidentEscalation(actor, incidentIdParam(parsed.data.incidentId));
  return getEscalationBoard(actor);
});
