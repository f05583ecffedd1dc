import { z } from "zod";
import { apiRoute, validationError } from "@/lib/server/api";
import { listPostmortems } from "@/lib/server/postmortems/postmortems";
import { actionItemOverview } from "@/lib/server/postmortems/action-items";
import { POSTMORTEM_STATUSES } from "@/lib/domain/postmortem/publish";

const listQuery = z.strictObject({ status: z.enum(POSTMORTEM_STATUSES, { error: `status must be one of: ${POSTMORTEM_STATUSES.join(", ")}.` }).optional() });

/** Postmortems, newest change first, each with its action-item summary; plus the summary across all. */
export const GET = apiRoute({}, async ({ request }) => {
  const parsed = listQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const [items, overview] = await Promise.all([listPostmortems({ status: parsed.data.status }), actionItemOverview({ status: "open" })]);
  return { items, actionItems: overview.summary };
});
