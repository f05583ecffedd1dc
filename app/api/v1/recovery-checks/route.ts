import { apiRoute } from "@/lib/server/api";
import { createRecoveryCheck, listRecoveryChecks } from "@/lib/server/postmortems/recovery-checks";
import { recoveryCheckInput } from "@/lib/domain/recovery-checks";

/** Recovery checks (manual section 4): readable by everyone who can see an incident room. */
export const GET = apiRoute({}, async () => ({ items: await listRecoveryChecks() }));

/** Admins define checks: HTTP (path on ACTUATOR_URL) or one read-only SELECT (refused otherwise). */
export const POST = apiRoute({ permission: "settings.manage", body: recoveryCheckInput }, async ({ actor, body }) =>
  Response.json(await createRecoveryCheck(actor, body), { status: 201 }),
);
