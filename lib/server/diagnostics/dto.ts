// JSON shapes of the diagnostics and runbook-tick APIs, shared by the routes and the pages
// (client components import these with `import type`).
import type { ProbeId, Verdict } from "@/lib/diagnostics/types";

/** One recorded probe result (a DiagnosticRun row). Never holds a credential. */
export interface DiagnosticRunDto {
  id: string;
  incidentId: number | null;
  batchId: string;
  probeId: ProbeId;
  /** e.g. "Redis at 127.0.0.1:6379" */
  target: string;
  verdict: Verdict;
  summary: string;
  data: unknown;
  durationMs: number;
  startedAt: string;
  actorName: string;
}

export interface DiagnosticBatchDto {
  batchId: string;
  startedAt: string;
  actorName: string;
  runs: DiagnosticRunDto[];
}

export type VerdictCounts = Record<Verdict, number>;

/** Lines of the streamed POST .../diagnostics answer (application/x-ndjson), one JSON object each. */
export type DiagnosticsStreamLine =
  | { type: "start"; batchId: string; incidentId: number | null; probes: { id: ProbeId; targetKind: string; timeoutMs: number }[] }
  | { type: "result"; run: DiagnosticRunDto }
  | { type: "done"; batchId: string; counts: VerdictCounts; durationMs: number }
  | { type: "error"; error: { code: string; message: string } };

/** The plain JSON answer (Accept: application/json): every result once all have finished. */
export interface DiagnosticsBatchResult {
  batchId: string;
  incidentId: number | null;
  runs: DiagnosticRunDto[];
  counts: VerdictCounts;
  durationMs: number;
}

export interface RunbookTickDto {
  stepId: string;
  actorName: string;
  tickedAt: string;
}
