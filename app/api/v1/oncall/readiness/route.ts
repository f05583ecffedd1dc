import { apiRoute } from "@/lib/server/api";
import { onCallReadiness } from "@/lib/server/reach/readiness";

/** Admins: everybody on call in the next 7 days, which contact methods are verified, the last test page acknowledged. */
export const GET = apiRoute({ permission: "users.manage" }, async () => onCallReadiness());
