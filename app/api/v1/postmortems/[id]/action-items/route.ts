import { apiRoute } from "@/lib/server/api";
import { createActionItem, listActionItems } from "@/lib/server/postmortems/action-items";
import { actionItemInput } from "@/lib/domain/postmortem/action-items";

export const GET = apiRoute({}, async ({ params }) => ({ items: await listActionItems(params.id) }));

export const POST = apiRoute({ permission: "postmortem.edit", body: actionItemInput }, async ({ actor, body, params }) =>
  Response.json(await createActionItem(actor, params.id, body), { status: 201 }),
);
