import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { requirePerson } from "../person";
import { notificationRulesInput } from "@/lib/domain/reach/notification-rules";
import { getNotificationRules, setNotificationRules } from "@/lib/server/reach/notification-rules";

/** How the app pages me when an escalation step reaches me: per urgency, channel after N minutes. */
export const GET = apiRoute({}, async ({ actor }) => getNotificationRules(requirePerson(actor.userId, tokenRefused)));
export const PUT = apiRoute({ body: notificationRulesInput }, async ({ actor, body }) =>
  setNotificationRules(actor, requirePerson(actor.userId, tokenRefused), body),
);

const tokenRefused = () => new AppError("bad_request", "Sign in: notification rules belong to people, not API tokens.");
