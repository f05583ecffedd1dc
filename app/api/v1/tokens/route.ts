import { apiRoute } from "@/lib/server/api";
import { createApiToken, createTokenInput, listApiTokens } from "@/lib/server/tokens";

export const GET = apiRoute({ permission: "tokens.manage" }, async () => ({ items: await listApiTokens() }));

export const POST = apiRoute({ permission: "tokens.manage", body: createTokenInput }, async ({ actor, body }) =>
  Response.json(await createApiToken(actor, body), { status: 201 }),
);
