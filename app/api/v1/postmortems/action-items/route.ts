import { apiRoute, validationError } from "@/lib/server/api";
import { actionItemOverview, overviewQuery } from "@/lib/server/postmortems/action-items";

/** Action items across postmortems: `?status=open` (default), `overdue` or `all`; overdue first. */
export const GET = apiRoute({}, async ({ request }) => {
  const parsed = overviewQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  return actionItemOverview(parsed.data);
});
