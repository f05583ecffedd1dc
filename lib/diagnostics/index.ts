import "server-only";
// What the app uses from the diagnostics engine. Client components import types from "./types" only.
export { PROBES, getProbe, isProbeId, listProbes, probeIdsForScenario, runProbeIds, runScenarioProbes } from "./registry";
export type { ProbeInfo, RunIdsOptions } from "./registry";
export { runProbe, runProbes } from "./runner";
export type { ProbeJob, RunOptions } from "./runner";
export { describeTargets, findTarget, maskUrl, parseDiagnosticsConfig, targetsFromEnv } from "./targets";
export type { DiagnosticsConfig, EnvLike, TargetDescription } from "./targets";
export { TARGET_KINDS } from "./types";
export type * from "./types";
