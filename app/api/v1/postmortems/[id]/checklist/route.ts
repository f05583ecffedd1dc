import { apiRoute } from "@/lib/server/api";
import { toggleChecklistItem } from "@/lib/server/postmortems/checklist";
import { checklistToggleInput } from "@/lib/domain/postmortem/checklists";

/** {itemKey, checked}: who and when come from the session and the server clock. */
export const POST = apiRoute({ permission: "postmortem.edit", body: checklistToggleInput }, async ({ actor, body, params }) => ({
  checklist: await toggleChecklistItem(actor, params.id, body),
}));
