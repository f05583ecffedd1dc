import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { myReadiness } from "@/lib/server/reach/readiness";

/** My contact methods: verified or not, and my last acknowledged test page. */
export const GET = apiRoute({}, async ({ actor }) => {
  if (!actor.userId) throw new AppError("bad_request", "Contact methods belong to people: sign in instead of using an API token.");
  return myReadiness(actor.userId);
});
