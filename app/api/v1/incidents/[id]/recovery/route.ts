import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { getRecoveryState, runRecovery, runRecoveryInput } from "@/lib/server/postmortems/recovery";

/**
 * The configured checks, the latest verification with its results, and whether resolving needs a reason.
 * Raw results (rows, bodies) only for roles that may run checks; the others get the verdicts.
 */
export const GET = apiRoute({}, async ({ actor, params }) => getRecoveryState(actor, incidentIdParam(params.id)));

/** Runs the checks ({checkIds?, includeDataChanging?}); results are recorded and put on the timeline. */
export const POST = apiRoute({ permission: "diagnostics.run", body: runRecoveryInput }, async ({ actor, body, params }) =>
  Response.json(await runRecovery(actor, incidentIdParam(params.id), body), { status: 201 }),
);
