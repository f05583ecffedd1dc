// Runbook steps ticked off on an incident. POST {stepId} ticks (201; 200 when it was already ticked),
// DELETE ?stepId= unticks; both go to the timeline with who and when.
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { listTicks, tickStep, untickStep } from "@/lib/server/diagnostics/ticks";

const stepId = safeString({ error: "stepId is required." }).min(1, "stepId is required.").max(120);
const tickInput = z.strictObject({ stepId });
const untickQuery = z.object({ stepId });

export const GET = apiRoute({}, async ({ params }) => ({ items: await listTicks(incidentIdParam(params.id)) }));

export const POST = apiRoute({ permission: "incident.update", body: tickInput }, async ({ actor, body, params }) => {
  const { tick, created } = await tickStep(actor, incidentIdParam(params.id), body.stepId);
  return Response.json({ ...tick, created }, { status: created ? 201 : 200 });
});

export const DELETE = apiRoute({ permission: "incident.update", query: untickQuery }, async ({ actor, params, query }) => {
  await untickStep(actor, incidentIdParam(params.id), query.stepId);
  return new Response(null, { status: 204 });
});
