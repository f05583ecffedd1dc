import { apiRoute } from "@/lib/server/api";
import { maintenanceInput } from "@/lib/domain/status/input";
import { createMaintenance, listMaintenance } from "@/lib/server/status/maintenance";

export const GET = apiRoute({}, async () => ({ items: await listMaintenance() }));

export const POST = apiRoute({ permission: "status.publish", body: maintenanceInput }, async ({ actor, body }) =>
  Response.json(await createMaintenance(actor, body), { status: 201 }),
);
