import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { myShifts, shiftsQuery } from "@/lib/server/oncall/queries";

/** ?from&to (default the next 28 days): my shifts across every schedule. */
export const GET = apiRoute({ query: shiftsQuery }, async ({ actor, query }) => {
  if (!actor.userId) throw new AppError("bad_request", "Shifts belong to people: sign in instead of using an API token.");
  return myShifts(actor.userId, query);
});
