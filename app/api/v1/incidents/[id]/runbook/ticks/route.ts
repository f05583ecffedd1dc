// Runbook steps ticked off on an incident. POST {stepId} ticks (201; 200 when it was already ticked),
// DELETE ?stepId= unticks; both go to the timeline with who and when.
import { z } from "zod";
import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { listTicks, tickStep, untickStep } from "@/lib/server/diagnostics/ticks";

const tickInput = z.strictObject({ stepId: z.string({ error: "stepId is required." }).min(1, "stepId is required.").max(120) });

export const GET = apiRoute({}, async ({ params }) => ({ items: await listTicks(incidentIdParam(params.id)) }));

export const POST = apiRoute({ permission: "incident.update", body: tickInput }, async ({ actor, body, params }) => {
  const { tick, created } = await tickStep(actor, incidentIdParam(params.id), body.stepId);
  return Response.json({ ...tick, created }, { status: created ? 201 : 200 });
});

export const DELETE = apiRoute({ permission: "incident.update" }, async ({ actor, params, request }) => {
  const stepId = new URL(request.url).searchParams.get("stepId");
  if (!stepId) throw new AppError("validation_failed", "Name the step to untick: ?stepId=…", { stepId: "stepId is required." });
  await untickStep(actor, incidentIdParam(params.id), stepId);
  return new Response(null, { status: 204 });
});
