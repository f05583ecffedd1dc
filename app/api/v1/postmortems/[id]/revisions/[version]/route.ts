import { apiRoute } from "@/lib/server/api";
import { getRevision, versionParam } from "@/lib/server/postmortems/revisions";

export const GET = apiRoute({}, async ({ params }) => getRevision(params.id, versionParam(params.version)));
