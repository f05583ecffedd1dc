import { z } from "zod";
import { apiRoute, validationError } from "@/lib/server/api";
import { listRevisions } from "@/lib/server/postmortems/revisions";

const query = z.strictObject({ cursor: z.string().regex(/^\d{1,9}$/, "cursor must be a revision number from nextCursor.").optional() });

/** Revisions newest first (who, when, version), without their texts; `?cursor=` pages back. */
export const GET = apiRoute({}, async ({ params, request }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  return listRevisions(params.id, parsed.data.cursor === undefined ? undefined : Number(parsed.data.cursor));
});
