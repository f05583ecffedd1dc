import { apiRoute } from "@/lib/server/api";
import { cancelMaintenance } from "@/lib/server/status/maintenance";

export const DELETE = apiRoute({ permission: "status.publish" }, async ({ actor, params }) => {
  await cancelMaintenance(actor, params.windowId);
  return new Response(null, { status: 204 });
});
