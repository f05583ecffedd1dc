import { apiRoute } from "@/lib/server/api";
import { readAlerts } from "@/lib/server/alerts/read-model";
import { unavailableAs503 } from "@/lib/server/alerts/http";

export const dynamic = "force-dynamic";

/** Every rule's state (inactive, pending, firing) with its value, the Alertmanager alerts and the running drill. */
export const GET = apiRoute({}, async () => unavailableAs503(readAlerts));
