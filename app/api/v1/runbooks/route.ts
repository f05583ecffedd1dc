// The manual's six scenarios as runbooks, each with its typical severity, symptoms and probes.
import { apiRoute } from "@/lib/server/api";
import { listRunbooks } from "@/lib/server/diagnostics/runbook-dto";

export const GET = apiRoute({}, async () => ({ items: listRunbooks() }));
