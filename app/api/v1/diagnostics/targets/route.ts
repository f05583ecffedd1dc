// Where the probes connect (admins): every target with its address, secrets masked, and whether it
// was configured or is the built-in local default.
import { apiRoute } from "@/lib/server/api";
import { describeConfiguredTargets } from "@/lib/server/diagnostics/targets";

export const GET = apiRoute({ permission: "settings.manage" }, async () => describeConfiguredTargets());
