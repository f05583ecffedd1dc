import { apiRoute } from "@/lib/server/api";
import { patchUserInput, updateUser } from "@/lib/server/users";

/** {role?, active?}: change a user's role or (de)activate them; reaches their open sessions within a minute. */
export const PATCH = apiRoute({ permission: "users.manage", body: patchUserInput }, async ({ actor, body, params }) =>
  updateUser(actor, params.id, body),
);
