import { apiRoute } from "@/lib/server/api";
import { endDrill } from "@/lib/server/alerts/drills";

/** End the drill: the injected fault is cleared and fades out of the simulator. */
export const POST = apiRoute({ permission: "drill.start" }, async ({ actor, params }) => endDrill(actor, params.id));
