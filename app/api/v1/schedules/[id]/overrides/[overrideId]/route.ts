import { apiRoute } from "@/lib/server/api";
import { deleteOverride } from "@/lib/server/oncall/store";

export const DELETE = apiRoute({ permission: "oncall.edit" }, async ({ actor, params }) => {
  await deleteOverride(actor, params.id, params.overrideId);
  return new Response(null, { status: 204 });
});
