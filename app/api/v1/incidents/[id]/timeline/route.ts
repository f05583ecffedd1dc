import { z } from "zod";
import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { addNote, TIMELINE_CURSOR } from "@/lib/server/incidents";
import { cursorParam, decodeCursor, limitParam } from "@/lib/server/pagination";
import { readTimelinePage } from "@/lib/server/incident-room-read";
import { noteInput } from "@/lib/domain/incident-input";

const listQuery = z.strictObject({
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc." }).optional(),
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,39}(,[a-z][a-z0-9_.-]{0,39}){0,19}$/, { error: "kind must be a comma-separated list of event kinds." })
    .optional(),
  cursor: cursorParam,
  limit: limitParam,
});

/** The timeline page by page: oldest first (`?order=desc` newest first), `?kind=note,status` for some kinds only. */
export const GET = apiRoute({ query: listQuery }, async ({ params, query, request }) => {
  const id = incidentIdParam(params.id);
  const after = query.cursor === undefined ? undefined : (decodeCursor(query.cursor, TIMELINE_CURSOR, request) as [string, string]);
  return readTimelinePage(id, { order: query.order, kinds: query.kind?.split(","), after, limit: query.limit });
});

export const POST = apiRoute({ permission: "incident.note", body: noteInput }, async ({ actor, body, params }) =>
  Response.json(await addNote(actor, incidentIdParam(params.id), body.text), { status: 201 }),
);
