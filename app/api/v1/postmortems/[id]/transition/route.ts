import { apiRoute } from "@/lib/server/api";
import { transitionInput, transitionPostmortem } from "@/lib/server/postmortems/postmortems";

/** {to: "draft" | "in_review" | "published", reason?}: submit, request changes, publish, reopen. */
export const POST = apiRoute({ permission: "postmortem.edit", body: transitionInput }, async ({ actor, body, params }) =>
  transitionPostmortem(actor, params.id, body),
);
