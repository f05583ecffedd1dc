import { z } from "zod";
import { apiRoute } from "@/lib/server/api";
import { getAlertSettings, setAutoOpen } from "@/lib/server/alerts/settings";

const input = z.strictObject({ autoOpen: z.boolean({ error: "autoOpen must be true or false." }) });

export const GET = apiRoute({}, async () => getAlertSettings());

/** Admins: open incidents automatically when a P0–P2 rule fires (true), or offer one click (false). */
export const PUT = apiRoute({ permission: "settings.manage", body: input }, async ({ actor, body }) => setAutoOpen(actor, body.autoOpen));
