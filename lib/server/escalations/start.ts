import "server-only";

/** Background work of this feature, started once per server instance (instrumentation.ts). */
export async function startEscalationWorkers(): Promise<void> {}
