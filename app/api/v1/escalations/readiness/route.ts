import { apiRoute } from "@/lib/server/api";
import { getPagingReadiness } from "@/lib/server/escalations/readiness";

export const dynamic = "force-dynamic";

/**
 * Paging readiness: per severity (P0–P3), which channels will really reach a person with today's adapters,
 * contacts and whoever is on call, which contacts lack a phone number, email address or Slack member id, and per
 * on-call schedule the coverage gaps of the next 14 days with whom they page (the directory entry, or nobody).
 * Names and the missing detail only, never the numbers, so every signed-in role may read it (the board shows it).
 */
export const GET = apiRoute({}, async () => getPagingReadiness());
