import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { pushSubscriptionInput, pushUnsubscribeInput } from "@/lib/domain/push/subscription";
import { myPushDevices, removePushSubscription, savePushSubscription } from "@/lib/server/push/subscriptions";

/** My push devices and the key a browser subscribes with. */
export const GET = apiRoute({}, async ({ actor }) => myPushDevices(requireUser(actor.userId)));

/** This device takes pushes for me from now on (the body is the browser's PushSubscription.toJSON() and a label). */
export const POST = apiRoute({ body: pushSubscriptionInput }, async ({ actor, body }) =>
  Response.json(await savePushSubscription(requireUser(actor.userId), body), { status: 201 }),
);

/** This device stops taking pushes for me. */
export const DELETE = apiRoute({ body: pushUnsubscribeInput }, async ({ actor, body }) => {
  const removed = await removePushSubscription(requireUser(actor.userId), body.endpoint);
  if (!removed) throw new AppError("not_found", "No push device of yours has this endpoint.");
  return { removed: true };
});

function requireUser(userId: string | null): string {
  if (!userId) throw new AppError("bad_request", "Sign in: push devices belong to people, not API tokens.");
  return userId;
}
