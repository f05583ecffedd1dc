import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { publishUpdateInput } from "@/lib/domain/status/input";
import { publishUpdate } from "@/lib/server/status/publish";
import { roomStatus } from "@/lib/server/status/room";

export const GET = apiRoute({}, async ({ params }) => roomStatus(incidentIdParam(params.id)));

export const POST = apiRoute({ permission: "status.publish", body: publishUpdateInput }, async ({ actor, params, body }) => {
  const update = await publishUpdate(actor, incidentIdParam(params.id), body);
  return Response.json(update, { status: 201 });
});
