import "server-only";
import { loadTargets, redactorFor } from "./targets";

/**
 * Background work of this feature, started once per server instance (instrumentation.ts). Probes only
 * run on request, so there is none; a DIAGNOSTICS_CONFIG that cannot be used is reported once here
 * (secrets masked) instead of surprising the first responder who presses "Run all".
 */
export async function startDiagnostics(): Promise<void> {
  const { targets, problem } = loadTargets();
  if (problem) console.warn(`[diagnostics] ${redactorFor(targets)(problem)}; using the environment's targets only`);
}
