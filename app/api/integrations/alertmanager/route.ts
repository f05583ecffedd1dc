import { errorResponse } from "@/lib/server/api";
import { alertsConfig } from "@/lib/server/alerts/config";
import { handleAlertmanagerWebhook } from "@/lib/server/alerts/alertmanager";
import { unavailableAs503 } from "@/lib/server/alerts/http";

export const dynamic = "force-dynamic";

// Alertmanager's webhook (payload version 4). Authenticates itself with ALERTMANAGER_TOKEN, not with a
// session or an API token: Alertmanager is a machine with one shared secret.
export async function POST(request: Request): Promise<Response> {
  try {
    return await unavailableAs503(() => handleAlertmanagerWebhook(request, alertsConfig().alertmanagerToken));
  } catch (error) {
    return errorResponse(error);
  }
}
