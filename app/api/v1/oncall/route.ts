import { apiRoute } from "@/lib/server/api";
import { now } from "@/lib/server/clock";
import { onCallQuery, parseQuery, whoIsOnCall } from "@/lib/server/oncall/queries";

/** ?role=team_lead&at=<ISO> → {role, at, user: {id, name} | null, scheduleId, until}. */
export const GET = apiRoute({}, async ({ request }) => {
  const query = parseQuery(onCallQuery, request.url);
  return whoIsOnCall(query.role, query.at ? new Date(query.at) : now());
});
