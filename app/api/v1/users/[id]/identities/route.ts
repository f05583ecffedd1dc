import { apiRoute } from "@/lib/server/api";
import { linkIdentity, linkIdentityInput, unlinkIdentities } from "@/lib/server/users";

/** {subject, issuer?}: an admin binds a company SSO identity to this account (audited). */
export const POST = apiRoute({ permission: "users.manage", body: linkIdentityInput }, async ({ actor, body, params }) => {
  const result = await linkIdentity(actor, params.id, body);
  return Response.json(result, { status: result.linked ? 201 : 200 });
});

/** Removes the account's SSO identities (audited); its sessions end. */
export const DELETE = apiRoute({ permission: "users.manage" }, async ({ actor, params }) => {
  await unlinkIdentities(actor, params.id);
  return new Response(null, { status: 204 });
});
