import { z } from "zod";
import { apiRoute } from "@/lib/server/api";
import { listDrills, startDrill } from "@/lib/server/alerts/drills";
import { SCENARIO_SLUGS } from "@/lib/domain/scenarios";

export const dynamic = "force-dynamic";

const input = z.strictObject({ scenario: z.enum(SCENARIO_SLUGS, { error: `scenario must be one of: ${SCENARIO_SLUGS.join(", ")}.` }) });

export const GET = apiRoute({}, async () => ({ items: await listDrills() }));

/** Commanders and admins: inject the scenario into the simulator as a drill. 409 while another drill runs. */
export const POST = apiRoute({ permission: "drill.start", body: input }, async ({ actor, body }) => {
  const drill = await startDrill(actor, body.scenario);
  return Response.json(drill, { status: 201, headers: { location: `/api/v1/drills/${drill.id}` } });
});
