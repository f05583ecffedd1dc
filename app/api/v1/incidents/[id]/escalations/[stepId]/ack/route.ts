import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { acknowledgeStep } from "@/lib/server/escalations/acknowledge";

// stepId: the firing id shown by GET /api/v1/escalations, or the step key ("team_lead"). Acknowledging twice
// is harmless: the answer says who acknowledged first (alreadyAcknowledged: true).
export const POST = apiRoute({ permission: "escalation.ack" }, async ({ actor, params }) =>
  acknowledgeStep(actor, incidentIdParam(params.id), params.stepId),
);
