import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { feedStatus, revokeFeed, rotateFeed } from "@/lib/server/oncall/feeds";
import type { Actor } from "@/lib/server/actor";

function userOf(actor: Actor): string {
  if (!actor.userId) throw new AppError("bad_request", "Calendar feeds belong to people: sign in instead of using an API token.");
  return actor.userId;
}

/** My shifts as a calendar: status, a new secret URL (shown once), revoke. */
export const GET = apiRoute({}, async ({ actor }) => feedStatus("user", userOf(actor)));
export const POST = apiRoute({}, async ({ actor }) => Response.json(await rotateFeed(actor, "user", userOf(actor)), { status: 201 }));
export const DELETE = apiRoute({}, async ({ actor }) => {
  await revokeFeed(actor, "user", userOf(actor));
  return new Response(null, { status: 204 });
});
