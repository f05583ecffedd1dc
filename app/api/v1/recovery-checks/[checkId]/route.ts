import { apiRoute } from "@/lib/server/api";
import { deleteRecoveryCheck, updateRecoveryCheck, updateRecoveryCheckInput } from "@/lib/server/postmortems/recovery-checks";

export const PATCH = apiRoute({ permission: "settings.manage", body: updateRecoveryCheckInput }, async ({ actor, body, params }) =>
  updateRecoveryCheck(actor, params.checkId, body),
);

export const DELETE = apiRoute({ permission: "settings.manage" }, async ({ actor, params }) => {
  await deleteRecoveryCheck(actor, params.checkId);
  return new Response(null, { status: 204 });
});
