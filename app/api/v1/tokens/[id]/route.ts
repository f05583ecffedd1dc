import { apiRoute } from "@/lib/server/api";
import { revokeApiToken } from "@/lib/server/tokens";

export const DELETE = apiRoute({ permission: "tokens.manage" }, async ({ actor, params }) => {
  await revokeApiToken(actor, params.id);
  return new Response(null, { status: 204 });
});
