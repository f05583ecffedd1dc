import { z } from "zod";
import { apiRoute } from "@/lib/server/api";
import { listPostmortems, POSTMORTEM_CURSOR } from "@/lib/server/postmortems/postmortems";
import { actionItemOverview } from "@/lib/server/postmortems/action-items";
import { cursorParam, decodeCursor, limitParam } from "@/lib/server/pagination";
import { POSTMORTEM_STATUSES } from "@/lib/domain/postmortem/publish";

const listQuery = z.strictObject({
  status: z.enum(POSTMORTEM_STATUSES, { error: `status must be one of: ${POSTMORTEM_STATUSES.join(", ")}.` }).optional(),
  cursor: cursorParam,
  limit: limitParam,
});

/** Postmortems, newest change first, page by page, each with its action-item summary; plus the summary across all. */
export const GET = apiRoute({ query: listQuery }, async ({ query, request }) => {
  const after = query.cursor === undefined ? undefined : (decodeCursor(query.cursor, POSTMORTEM_CURSOR, request) as [string, string]);
  const [page, overview] = await Promise.all([
    listPostmortems({ status: query.status, after, limit: query.limit }),
    actionItemOverview({ status: "open" }),
  ]);
  return { ...page, actionItems: overview.summary };
});
