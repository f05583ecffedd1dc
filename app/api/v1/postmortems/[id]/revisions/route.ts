import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { apiRoute } from "@/lib/server/api";
import { listRevisions } from "@/lib/server/postmortems/revisions";

const querySchema = z.strictObject({
  cursor: safeString()
    .regex(/^\d{1,9}$/, "cursor must be a revision number from nextCursor.")
    .optional(),
});

/** Revisions newest first (who, when, version), without their texts; `?cursor=` pages back. */
export const GET = apiRoute({ query: querySchema }, async ({ params, query }) => {
  return listRevisions(params.id, query.cursor === undefined ? undefined : Number(query.cursor));
});
