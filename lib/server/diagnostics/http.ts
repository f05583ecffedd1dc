import "server-only";
// The answer to POST .../diagnostics: streamed NDJSON (one line per probe result as it finishes, then a
// summary) unless the client asks for plain JSON only, in which case all results come at the end.
import { z } from "zod";
import { listProbes } from "@/lib/diagnostics";
import { PROBE_IDS } from "@/lib/domain/runbooks";
import { executeDiagnostics, type DiagnosticsPlan } from "./runs";
import { localizeMessage } from "../error-text";
import { errorLocaleOf } from "../api";
import type { DiagnosticsStreamLine } from "./dto";

export const runDiagnosticsInput = z.strictObject({
  probeIds: z
    .array(z.enum(PROBE_IDS, { error: `Each probe id must be one of: ${PROBE_IDS.join(", ")}.` }))
    .min(1, "Name at least one probe, or leave probeIds out to run the scenario's probes.")
    .max(PROBE_IDS.length * 2)
    .optional(),
});
export type RunDiagnosticsInput = z.infer<typeof runDiagnosticsInput>;

export const NDJSON = "application/x-ndjson";

/** Plain JSON when the client accepts JSON and not NDJSON (e.g. `Accept: application/json`). */
export function wantsPlainJson(request: Request): boolean {
  const accept = (request.headers.get("accept") ?? "").toLowerCase();
  return accept.includes("application/json") && !accept.includes(NDJSON);
}

export async function diagnosticsResponse(request: Request, plan: DiagnosticsPlan): Promise<Response> {
  if (wantsPlainJson(request)) {
    return Response.json(await executeDiagnostics(plan), { status: 201 });
  }
  const encoder = new TextEncoder();
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    cancel() {
      // The client went away; the probes still finish and are recorded on the incident.
      open = false;
    },
    async start(controller) {
      const send = (line: DiagnosticsStreamLine) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          open = false;
        }
      };
      send({
        type: "start",
        batchId: plan.batchId,
        incidentId: plan.incidentId,
        probes: listProbes(plan.probeIds).map((p) => ({ id: p.id, targetKind: p.targetKind, timeoutMs: p.timeoutMs })),
      });
      try {
        const result = await executeDiagnostics(plan, (run) => send({ type: "result", run }));
        send({ type: "done", batchId: result.batchId, counts: result.counts, durationMs: result.durationMs });
      } catch (error) {
        console.error("[diagnostics] run failed:", error instanceof Error ? error.message : "unknown error");
        const message = "The diagnostics run failed on the server; it has been logged.";
        send({ type: "error", error: { code: "internal", message: localizeMessage(message, errorLocaleOf(request.headers)) } });
      }
      if (open) controller.close();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": `${NDJSON}; charset=utf-8`,
      "cache-control": "no-store, no-transform",
      // Proxies (nginx) must pass each line on at once instead of buffering the answer.
      "x-accel-buffering": "no",
    },
  });
}
