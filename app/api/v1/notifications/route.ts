import { z } from "zod";
import { apiRoute, incidentIdParam, validationError } from "@/lib/server/api";
import { listNotifications } from "@/lib/server/escalations/read-model";

export const dynamic = "force-dynamic";

const query = z.strictObject({
  incidentId: z.string().optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number({ error: "limit must be a number from 1 to 100." }).int().min(1).max(100).optional(),
});

/** The outbox log, newest first: each notification with its delivery attempts. */
export const GET = apiRoute({}, async ({ actor, request }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const { incidentId, cursor, limit } = parsed.data;
  return listNotifications(actor, { incidentId: incidentId === undefined ? undefined : incidentIdParam(incidentId), cursor, limit });
});
