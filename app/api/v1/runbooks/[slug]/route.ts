// One runbook: symptoms, diagnostics (with their probe ids), response, root cause, fixes, recovery;
// commands with the corrected form and a note where the manual's command is wrong or dangerous.
import { apiRoute } from "@/lib/server/api";
import { getRunbookDto } from "@/lib/server/diagnostics/runbook-dto";

export const GET = apiRoute({}, async ({ params }) => getRunbookDto(params.slug));
