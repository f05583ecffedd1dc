import { apiRoute } from "@/lib/server/api";
import { parseQuery, scheduleShifts, shiftsQuery } from "@/lib/server/oncall/queries";

/** ?from&to (ISO, default the next 14 days, at most 92): the final rota, gaps as shifts with `user: null`. */
export const GET = apiRoute({}, async ({ params, request }) => scheduleShifts(params.id, parseQuery(shiftsQuery, request.url)));
