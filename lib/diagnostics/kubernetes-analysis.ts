// Pure reading of a Deployment and its pods (shapes of @kubernetes/client-node 1.x: V1Deployment, V1PodList).
import type { V1Deployment, V1LabelSelector, V1PodList } from "@kubernetes/client-node";
import type { ProbeOutcome, Verdict } from "./types";

/** spec.selector → a label selector string: matchLabels "k=v", matchExpressions In/NotIn/Exists/DoesNotExist. */
export function labelSelector(selector: V1LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${values})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${values})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parts.join(",");
}

export interface PodSummary {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  /** lastState.terminated.reason of containers that restarted, e.g. "OOMKilled", "Error" */
  lastTerminated: string[];
  /** state.waiting.reason, e.g. "CrashLoopBackOff", "ImagePullBackOff" */
  waiting: string[];
  node: string | null;
}

export interface DeploymentSummary {
  name: string;
  namespace: string;
  desired: number;
  ready: number;
  available: number;
  updated: number;
  rolloutComplete: boolean;
  selector: string;
  pods: PodSummary[];
}

export function summarisePods(list: V1PodList): PodSummary[] {
  return list.items.map((pod) => {
    const statuses = pod.status?.containerStatuses ?? [];
    return {
      name: pod.metadata?.name ?? "?",
      phase: pod.status?.phase ?? "Unknown",
      ready: statuses.length > 0 && statuses.every((c) => c.ready),
      restarts: statuses.reduce((sum, c) => sum + (c.restartCount ?? 0), 0),
      lastTerminated: statuses.map((c) => c.lastState?.terminated?.reason).filter((r): r is string => Boolean(r)),
      waiting: statuses.map((c) => c.state?.waiting?.reason).filter((r): r is string => Boolean(r)),
      node: pod.spec?.nodeName ?? null,
    };
  });
}

export function summariseDeployment(d: V1Deployment, pods: PodSummary[]): DeploymentSummary {
  const desired = d.spec?.replicas ?? 1;
  const status = d.status ?? {};
  const generationSeen = (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  return {
    name: d.metadata?.name ?? "?",
    namespace: d.metadata?.namespace ?? "?",
    desired,
    ready: status.readyReplicas ?? 0,
    available,
    updated,
    rolloutComplete: generationSeen && updated === desired && available === desired,
    selector: labelSelector(d.spec?.selector),
    pods,
  };
}

const BAD_WAITING = ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError"];

export function deploymentVerdict(s: DeploymentSummary): Omit<ProbeOutcome, "data"> {
  let verdict: Verdict = "ok";
  const parts = [`${s.name}: ${s.ready}/${s.desired} ready`];
  if (s.desired === 0) {
    verdict = "warning";
    parts.push("scaled to 0");
  } else if (s.ready === 0) verdict = "critical";
  else if (s.ready < s.desired) verdict = "warning";
  if (!s.rolloutComplete) parts.push(`rollout in progress (${s.updated} updated, ${s.available} available)`);
  const restarts = s.pods.reduce((sum, p) => sum + p.restarts, 0);
  if (restarts > 0) parts.push(`${restarts} restart${restarts === 1 ? "" : "s"}`);
  const reasons = new Map<string, number>();
  for (const p of s.pods) for (const r of [...p.lastTerminated, ...p.waiting]) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  if (reasons.size > 0) parts.push([...reasons].map(([r, n]) => `${r}×${n}`).join(", "));
  const troubled = s.pods.some((p) => p.lastTerminated.includes("OOMKilled") || p.waiting.some((w) => BAD_WAITING.includes(w)));
  if (troubled && verdict === "ok") verdict = "warning";
  return { verdict, summary: parts.join("; ") };
}
