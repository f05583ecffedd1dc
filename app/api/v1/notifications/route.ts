import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { listNotifications, NOTIFICATION_CURSOR } from "@/lib/server/escalations/read-model";
import { cursorParam, decodeCursor } from "@/lib/server/pagination";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({
  incidentId: safeString().optional(),
  cursor: cursorParam,
  limit: z.coerce.number({ error: "limit must be a number from 1 to 100." }).int().min(1).max(100).optional(),
});

/** The outbox log, newest first: each notification with its delivery attempts; `?cursor=` is the previous nextCursor. */
export const GET = apiRoute({ query: querySchema }, async ({ actor, query, request }) => {
  const { incidentId, cursor, limit } = query;
  const after = cursor === undefined ? undefined : (decodeCursor(cursor, NOTIFICATION_CURSOR, request) as [string, string]);
  return listNotifications(actor, { incidentId: incidentId === undefined ? undefined : incidentIdParam(incidentId), after, limit });
});
