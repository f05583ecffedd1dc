import { apiRoute } from "@/lib/server/api";
import { revokeWebhook } from "@/lib/server/status/webhooks";

export const DELETE = apiRoute({ permission: "settings.manage" }, async ({ actor, params }) => {
  await revokeWebhook(actor, params.webhookId);
  return new Response(null, { status: 204 });
});
