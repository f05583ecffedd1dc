import { apiRoute } from "@/lib/server/api";
import { getInsights } from "@/lib/server/insights/service";
import { requestLocale } from "@/lib/server/security/messages";
import { insightsQueryInput } from "@/lib/domain/insights/query";

export const dynamic = "force-dynamic";

/** Managers, commanders, admins: the insights figures for ?from&to&severity&scenario&drills&days. */
export const GET = apiRoute({ permission: "insights.view", query: insightsQueryInput }, async ({ actor, query, request }) =>
  getInsights(actor, query, requestLocale(request.headers)),
);
