import "server-only";
// "Test connection" in Settings: one cheap read-only probe against one configured target. Not recorded
// on any incident; the answer is redacted like every probe result.
import { PROBES, findTarget, runProbe } from "@/lib/diagnostics";
import { targetLabel } from "@/lib/diagnostics/labels";
import type { ProbeId, TargetKind, Verdict } from "@/lib/diagnostics/types";
import { requirePermission, type Actor } from "../actor";
import { notFound } from "../errors";
import { loadTargets, redactorFor } from "./targets";

const CONNECTION_PROBE: Record<TargetKind, ProbeId> = {
  redis: "redis.ping",
  mysql: "mysql.processlist",
  actuator: "actuator.health",
  prometheus: "prometheus.query",
  kafka: "kafka.consumerLag",
  kubernetes: "kubernetes.deployment",
};

export interface ConnectionTestDto {
  kind: TargetKind;
  name: string;
  target: string;
  probeId: ProbeId;
  verdict: Verdict;
  summary: string;
  durationMs: number;
}

export async function testConnection(actor: Actor, kind: TargetKind, name?: string): Promise<ConnectionTestDto> {
  requirePermission(actor, "settings.manage");
  const { targets } = loadTargets();
  const target = findTarget(targets, kind, name);
  if (!target) throw name ? notFound(`${kind} target "${name}"`) : notFound(`${kind} target`);
  const probeId = CONNECTION_PROBE[kind];
  const result = await runProbe(PROBES[probeId], target);
  const redact = redactorFor(targets);
  return {
    kind,
    name: target.name,
    target: targetLabel(target),
    probeId,
    verdict: result.verdict,
    summary: redact(result.summary),
    durationMs: Math.round(result.durationMs),
  };
}
