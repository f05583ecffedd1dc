import { apiRoute } from "@/lib/server/api";
import { deleteActionItem, updateActionItem } from "@/lib/server/postmortems/action-items";
import { actionItemPatchInput } from "@/lib/domain/postmortem/action-items";

export const PATCH = apiRoute({ permission: "postmortem.edit", body: actionItemPatchInput }, async ({ actor, body, params }) =>
  updateActionItem(actor, params.id, params.itemId, body),
);

export const DELETE = apiRoute({ permission: "postmortem.edit" }, async ({ actor, params }) => {
  await deleteActionItem(actor, params.id, params.itemId);
  return new Response(null, { status: 204 });
});
