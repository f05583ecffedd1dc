import { apiRoute } from "@/lib/server/api";
import { overrideInput } from "@/lib/domain/oncall/input";
import { addOverride } from "@/lib/server/oncall/store";

/** {userId, start, end}: that person covers the span; a later override wins where two overlap. */
export const POST = apiRoute({ permission: "oncall.edit", body: overrideInput }, async ({ actor, body, params }) =>
  Response.json(await addOverride(actor, params.id, body), { status: 201 }),
);
