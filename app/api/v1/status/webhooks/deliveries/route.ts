import { z } from "zod";
import { apiRoute } from "@/lib/server/api";
import { limitParam } from "@/lib/server/pagination";
import { listWebhookDeliveries, WEBHOOK_DELIVERIES_DEFAULT } from "@/lib/server/status/webhook-deliveries";

const deliveriesQuery = z.strictObject({
  webhookId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "webhookId must be a webhook's id." })
    .optional(),
  limit: limitParam,
});

/** Each delivery of a published update to the webhooks, newest first (`?webhookId=` for one webhook). */
export const GET = apiRoute({ permission: "settings.manage", query: deliveriesQuery }, async ({ actor, query }) => ({
  items: await listWebhookDeliveries(actor, { webhookId: query.webhookId, limit: query.limit ?? WEBHOOK_DELIVERIES_DEFAULT }),
}));
