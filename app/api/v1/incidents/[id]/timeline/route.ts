import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { addNote, getTimeline } from "@/lib/server/incidents";
import { noteInput } from "@/lib/domain/incident-input";

export const GET = apiRoute({}, async ({ params }) => ({ items: await getTimeline(incidentIdParam(params.id)) }));

export const POST = apiRoute({ permission: "incident.note", body: noteInput }, async ({ actor, body, params }) =>
  Response.json(await addNote(actor, incidentIdParam(params.id), body.text), { status: 201 }),
);
