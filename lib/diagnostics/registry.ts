import "server-only";
// The registry of read-only probes (probe id → probe) and the entry points the app calls.
import { PROBE_IDS, isProbeId, probeIdsOfScenario, type Localized } from "@/lib/domain/runbooks";
import type { ScenarioSlug } from "@/lib/domain/scenarios";
import { actuatorHealth, actuatorHikari } from "./actuator";
import { kafkaConsumerLag } from "./kafka";
import { kubernetesDeployment } from "./kubernetes";
import { mysqlDeadlock, mysqlLockWaits, mysqlProcesslist, mysqlTransactions } from "./mysql";
import { mysqlIndexCheck, mysqlSlowQueries } from "./mysql-slow";
import { prometheusQuery } from "./prometheus";
import { redisClients, redisLocks, redisMemory, redisPing } from "./redis";
import { errorOutcome, runProbes, type ProbeJob, type RunOptions } from "./runner";
import { findTarget } from "./targets";
import type { AnyProbe, DiagnosticTargets, ProbeId, ProbeResult, TargetKind } from "./types";

export const PROBES: Readonly<Record<ProbeId, AnyProbe>> = {
  "redis.ping": redisPing,
  "redis.memory": redisMemory,
  "redis.locks": redisLocks,
  "redis.clients": redisClients,
  "mysql.deadlock": mysqlDeadlock,
  "mysql.transactions": mysqlTransactions,
  "mysql.lockWaits": mysqlLockWaits,
  "mysql.processlist": mysqlProcesslist,
  "mysql.slowQueries": mysqlSlowQueries,
  "mysql.indexCheck": mysqlIndexCheck,
  "actuator.health": actuatorHealth,
  "actuator.hikari": actuatorHikari,
  "prometheus.query": prometheusQuery,
  "kafka.consumerLag": kafkaConsumerLag,
  "kubernetes.deployment": kubernetesDeployment,
};

export function getProbe(id: string): AnyProbe | undefined {
  return isProbeId(id) ? PROBES[id] : undefined;
}

export { isProbeId };

export interface ProbeInfo {
  id: ProbeId;
  title: Localized;
  targetKind: TargetKind;
  timeoutMs: number;
}

/** Probe metadata for the UI and GET /api/v1/runbooks (no functions, serialisable). */
export function listProbes(ids: readonly ProbeId[] = PROBE_IDS): ProbeInfo[] {
  return ids.map((id) => {
    const p = PROBES[id];
    return { id: p.id, title: p.title, targetKind: p.targetKind, timeoutMs: p.timeoutMs };
  });
}

/** The probes "Run all" runs for a scenario (its runbook's diagnostics, each once). */
export function probeIdsForScenario(slug: ScenarioSlug): ProbeId[] {
  return probeIdsOfScenario(slug);
}

export interface RunIdsOptions extends RunOptions {
  /** use the targets with this name (from DIAGNOSTICS_CONFIG) instead of each kind's default */
  targetName?: string;
  /** probes that replace the registry's for this run (e.g. prometheus.query answered by the built-in simulator) */
  probes?: Partial<Record<ProbeId, AnyProbe>>;
}

/**
 * Runs probes by id against the configured targets, in parallel, calling onResult as each finishes
 * (results resolve in the order of `ids`). A kind without a target comes back as an "error" result.
 * Validate ids from requests with isProbeId first.
 */
export async function runProbeIds(
  ids: readonly ProbeId[],
  targets: DiagnosticTargets,
  onResult?: (result: ProbeResult, index: number) => void | Promise<void>,
  options: RunIdsOptions = {},
): Promise<ProbeResult[]> {
  const { targetName, probes, ...runOptions } = options;
  const results = new Array<ProbeResult>(ids.length);
  const jobs: ProbeJob[] = [];
  const positions: number[] = [];
  const notify = async (result: ProbeResult, index: number) => {
    results[index] = result;
    try {
      await onResult?.(result, index);
    } catch (error) {
      console.error(`diagnostics: onResult for ${result.probeId} failed:`, error);
    }
  };
  for (const [index, id] of ids.entries()) {
    const probe = probes?.[id] ?? PROBES[id];
    const target = findTarget(targets, probe.targetKind, targetName);
    if (!target) {
      const which = targetName ? `named "${targetName}"` : "configured";
      const outcome = errorOutcome(`no ${probe.targetKind} target ${which}`);
      await notify({ probeId: id, ...outcome, durationMs: 0, startedAt: new Date().toISOString() }, index);
      continue;
    }
    jobs.push({ probe, target, options: runOptions });
    positions.push(index);
  }
  await runProbes(jobs, (result, k) => notify(result, positions[k]));
  return results;
}

/** Runs a scenario's probes ("Run all"). */
export function runScenarioProbes(
  slug: ScenarioSlug,
  targets: DiagnosticTargets,
  onResult?: (result: ProbeResult, index: number) => void | Promise<void>,
  options: RunIdsOptions = {},
): Promise<ProbeResult[]> {
  return runProbeIds(probeIdsForScenario(slug), targets, onResult, options);
}
