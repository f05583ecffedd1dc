import { apiRoute } from "@/lib/server/api";
import { signOutEverywhere } from "@/lib/server/users";

/** Ends every session of the user (admins for anyone, a user for themself). */
export const POST = apiRoute({}, async ({ actor, params }) => {
  await signOutEverywhere(actor, params.id);
  return new Response(null, { status: 204 });
});
