import { apiRoute } from "@/lib/server/api";
import { getDrill } from "@/lib/server/alerts/drills";

export const GET = apiRoute({}, async ({ params }) => getDrill(params.id));
