import { apiRoute } from "@/lib/server/api";
import { scheduleChangeInput } from "@/lib/domain/oncall/input";
import { deleteSchedule, getSchedule, updateSchedule } from "@/lib/server/oncall/store";

export const GET = apiRoute({}, async ({ params }) => getSchedule(params.id));

/** {name?, timeZone?, layers?, version?}: layers replace all layers; a stale version is 409 with `current`. */
export const PATCH = apiRoute({ permission: "oncall.edit", body: scheduleChangeInput }, async ({ actor, body, params }) =>
  updateSchedule(actor, params.id, body),
);

export const DELETE = apiRoute({ permission: "oncall.edit" }, async ({ actor, params }) => {
  await deleteSchedule(actor, params.id);
  return new Response(null, { status: 204 });
});
