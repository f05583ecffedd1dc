import { apiRoute } from "@/lib/server/api";
import { componentsInput } from "@/lib/domain/status/input";
import { listComponents, saveComponents } from "@/lib/server/status/components";

export const GET = apiRoute({}, async () => ({ items: await listComponents({ includeArchived: true }) }));

export const PUT = apiRoute({ permission: "settings.manage", body: componentsInput }, async ({ actor, body }) => ({
  items: await saveComponents(actor, body),
}));
