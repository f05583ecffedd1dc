// POST runs named probes outside an incident (a runbook page opened on its own): results are recorded
// without an incident and streamed like the incident route (NDJSON, or JSON with Accept: application/json).
import { apiRoute } from "@/lib/server/api";
import { planDiagnostics } from "@/lib/server/diagnostics/runs";
import { diagnosticsResponse, runDiagnosticsInput } from "@/lib/server/diagnostics/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ permission: "diagnostics.run", body: runDiagnosticsInput }, async ({ actor, body, request }) =>
  diagnosticsResponse(request, await planDiagnostics(actor, null, body)),
);
