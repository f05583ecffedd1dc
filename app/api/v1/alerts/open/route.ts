import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { openIncidentForRuleAlert } from "@/lib/server/alerts/incident-link";
import { openIncidentForExternal } from "@/lib/server/alerts/follow-up";
import { requestLocale } from "@/lib/server/security/messages";

const input = z.union(
  [z.strictObject({ alertId: safeString().min(1).max(500) }), z.strictObject({ fingerprint: safeString().min(1).max(100) })],
  { error: "Send alertId for a rule alert or fingerprint for an Alertmanager alert." },
);

/** One click: open (or find) the incident of a firing P0–P2 alert. 201 when created, 200 when it already existed. */
export const POST = apiRoute({ permission: "incident.declare", body: input }, async ({ actor, body, request }) => {
  const result =
    "alertId" in body
      ? await openIncidentForRuleAlert(actor, body.alertId, { locale: requestLocale(request.headers) })
      : await openIncidentForExternal(actor, body.fingerprint);
  if (!result) throw new AppError("conflict", "The alert changed meanwhile; reload and try again.");
  return Response.json(result, { status: result.created ? 201 : 200, headers: { location: `/api/v1/incidents/${result.incident.id}` } });
});
