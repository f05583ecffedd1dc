import { z } from "zod";
import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { openIncidentForRuleAlert } from "@/lib/server/alerts/incident-link";
import { openIncidentForExternal } from "@/lib/server/alerts/alertmanager";

const input = z.union(
  [
    z.strictObject({ alertId: z.string().min(1).max(500) }),
    z.strictObject({ fingerprint: z.string().min(1).max(100) }),
  ],
  { error: "Send {\"alertId\": \"…\"} for a rule alert or {\"fingerprint\": \"…\"} for an Alertmanager alert." },
);

/** One click: open (or find) the incident of a firing P0–P2 alert. 201 when created, 200 when it already existed. */
export const POST = apiRoute({ permission: "incident.declare", body: input }, async ({ actor, body }) => {
  const result = "alertId" in body ? await openIncidentForRuleAlert(actor, body.alertId) : await openIncidentForExternal(actor, body.fingerprint);
  if (!result) throw new AppError("conflict", "The alert changed meanwhile; reload and try again.");
  return Response.json(result, { status: result.created ? 201 : 200, headers: { location: `/api/v1/incidents/${result.incident.id}` } });
});
