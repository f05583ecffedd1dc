import { apiRoute } from "@/lib/server/api";
import { webhookInput } from "@/lib/domain/status/input";
import { createWebhook, listWebhooks } from "@/lib/server/status/webhooks";

export const GET = apiRoute({ permission: "settings.manage" }, async ({ actor }) => ({ items: await listWebhooks(actor) }));

export const POST = apiRoute({ permission: "settings.manage", body: webhookInput }, async ({ actor, body }) =>
  Response.json(await createWebhook(actor, body.url), { status: 201 }),
);
