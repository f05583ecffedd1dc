import { apiRoute } from "@/lib/server/api";
import { onCallSummary } from "@/lib/server/oncall/queries";

/** Per scheduled role: on call now (until when), next, and the coverage gaps of the next 14 days. */
export const GET = apiRoute({}, async () => onCallSummary());
