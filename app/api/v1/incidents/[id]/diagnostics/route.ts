// POST runs probes for the incident (default: its scenario's) and records each result; the answer is
// streamed as NDJSON, or plain JSON with `Accept: application/json`. GET lists the recorded runs by batch.
import { apiRoute, incidentIdParam } from "@/lib/server/api";
import { planDiagnostics } from "@/lib/server/diagnostics/runs";
import { listDiagnosticBatches } from "@/lib/server/diagnostics/read";
import { diagnosticsResponse, runDiagnosticsInput } from "@/lib/server/diagnostics/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ params }) => ({ items: await listDiagnosticBatches(incidentIdParam(params.id)) }));

export const POST = apiRoute({ permission: "diagnostics.run", body: runDiagnosticsInput }, async ({ actor, body, params, request }) =>
  diagnosticsResponse(request, await planDiagnostics(actor, incidentIdParam(params.id), body)),
);
