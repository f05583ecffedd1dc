import { apiRoute } from "@/lib/server/api";
import { scheduleInput } from "@/lib/domain/oncall/input";
import { createSchedule, listSchedules } from "@/lib/server/oncall/store";

/** Every on-call schedule with its layers and the overrides that have not ended. Everyone signed in reads. */
export const GET = apiRoute({}, async () => ({ items: await listSchedules() }));

/** {role, name?, timeZone?, layers: [...]}: one schedule per role (409 when the role has one). */
export const POST = apiRoute({ permission: "oncall.edit", body: scheduleInput }, async ({ actor, body }) =>
  Response.json(await createSchedule(actor, body), { status: 201 }),
);
