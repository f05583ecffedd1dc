import { apiRoute } from "@/lib/server/api";
import { actionItemOverview, overviewQuery } from "@/lib/server/postmortems/action-items";

/** Action items across postmortems: `?status=open` (default), `overdue` or `all`; overdue first. */
export const GET = apiRoute({ query: overviewQuery }, async ({ query }) => actionItemOverview(query));
