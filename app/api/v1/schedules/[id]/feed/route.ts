import { apiRoute } from "@/lib/server/api";
import { feedStatus, revokeFeed, rotateFeed } from "@/lib/server/oncall/feeds";
import { getSchedule } from "@/lib/server/oncall/store";

/** Whether the schedule has a calendar URL. */
export const GET = apiRoute({}, async ({ params }) => feedStatus("schedule", (await getSchedule(params.id)).id));

/** A new secret calendar URL for the schedule (shown once); the previous one stops working. */
export const POST = apiRoute({ permission: "oncall.edit" }, async ({ actor, params }) =>
  Response.json(await rotateFeed(actor, "schedule", (await getSchedule(params.id)).id), { status: 201 }),
);

export const DELETE = apiRoute({ permission: "oncall.edit" }, async ({ actor, params }) => {
  await revokeFeed(actor, "schedule", (await getSchedule(params.id)).id);
  return new Response(null, { status: 204 });
});
