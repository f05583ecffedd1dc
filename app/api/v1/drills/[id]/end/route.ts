import { apiRoute } from "@/lib/server/api";
import { endDrill } from "@/lib/server/alerts/drills";
import { requestLocale } from "@/lib/server/security/messages";

/** End the drill: the injected fault is cleared and fades out of the simulator; its drill incident is resolved. */
export const POST = apiRoute({ permission: "drill.start" }, async ({ actor, params, request }) =>
  endDrill(actor, params.id, requestLocale(request.headers)),
);
