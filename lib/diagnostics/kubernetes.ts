import "server-only";
// Deployment status from the Kubernetes API (read-only: get deployment, list pods). @kubernetes/client-node
// 1.4.0 (2.x needs Node 22.19+). The API is injectable for tests.
import type { ConfigurationOptions, ObservableMiddleware, V1Deployment, V1PodList } from "@kubernetes/client-node";
import { deploymentVerdict, summariseDeployment, summarisePods } from "./kubernetes-analysis";
import { targetLabel } from "./labels";
import { defineProbe, errorOutcome, probeFamily } from "./runner";
import type { KubernetesTarget } from "./types";

/** The two read calls the probe makes. */
export interface KubernetesApiLike {
  readDeployment(namespace: string, name: string): Promise<V1Deployment>;
  listPods(namespace: string, labelSelector: string): Promise<V1PodList>;
}

export type KubernetesApiFactory = (target: KubernetesTarget, signal: AbortSignal) => Promise<KubernetesApiLike>;

/** kubeconfig from the target's file (or in-cluster / ~/.kube/config); requests abort with the probe. */
export const clientNodeApi: KubernetesApiFactory = async (target, signal) => {
  const k8s = await import("@kubernetes/client-node");
  const kc = new k8s.KubeConfig();
  if (target.kubeconfig) kc.loadFromFile(target.kubeconfig);
  else kc.loadFromDefault();
  if (target.context) kc.setCurrentContext(target.context);
  const cluster = kc.getCurrentCluster();
  // loadFromDefault falls back to http://localhost:8080 when it finds nothing: say that instead.
  if (!target.kubeconfig && cluster?.name === "cluster" && cluster.server === "http://localhost:8080") {
    throw new Error("no Kubernetes configuration found (KUBECONFIG unset, no ~/.kube/config, not running in a cluster)");
  }
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  // ObjectParamAPI takes Observable-style middleware; this one only attaches the probe's abort signal.
  const withSignal: ObservableMiddleware = {
    pre: (request) => {
      request.setSignal(signal);
      return new k8s.Observable(Promise.resolve(request));
    },
    post: (response) => new k8s.Observable(Promise.resolve(response)),
  };
  const options: ConfigurationOptions<ObservableMiddleware> = { middleware: [withSignal], middlewareMergeStrategy: "append" };
  return {
    readDeployment: (namespace, name) => apps.readNamespacedDeployment({ name, namespace }, options),
    listPods: (namespace, labelSelector) => core.listNamespacedPod({ namespace, labelSelector }, options),
  };
};

/** ApiException carries .code and a JSON Status body: {"reason":"NotFound","message":"..."}. */
function apiError(error: unknown): { code: number; reason: string; message: string } | null {
  if (typeof error !== "object" || error === null || !("code" in error) || typeof error.code !== "number") return null;
  let reason = "";
  let message = "";
  const body = "body" in error ? error.body : undefined;
  try {
    const status: unknown = typeof body === "string" ? JSON.parse(body) : body;
    if (typeof status === "object" && status !== null) {
      if ("reason" in status && typeof status.reason === "string") reason = status.reason;
      if ("message" in status && typeof status.message === "string") message = status.message;
    }
  } catch {
    message = typeof body === "string" ? body.slice(0, 200) : "";
  }
  return { code: error.code, reason, message };
}

const kubernetesProbe = probeFamily("kubernetes", 5_000);

export function createKubernetesDeploymentProbe(factory: KubernetesApiFactory = clientNodeApi) {
  return defineProbe({
    ...kubernetesProbe("kubernetes.deployment", { ko: "쿠버네티스 배포 상태", en: "Kubernetes deployment status" }),
    async check(target, params: { namespace?: string; deployment?: string } | undefined, ctx) {
      const namespace = params?.namespace ?? target.namespace;
      const name = params?.deployment ?? target.deployment;
      try {
        const api = await factory(target, ctx.signal);
        const deployment = await api.readDeployment(namespace, name);
        const summary = summariseDeployment(deployment, []);
        const pods = summary.selector ? summarisePods(await api.listPods(namespace, summary.selector)) : [];
        const full = { ...summary, pods };
        return { ...deploymentVerdict(full), data: full };
      } catch (error) {
        const api = apiError(error);
        if (!api) throw error;
        const detail = [api.reason, api.message].filter(Boolean).join(": ") || "no details";
        return errorOutcome(`${targetLabel(target)} answered HTTP ${api.code} (${detail})`, { message: detail, code: `HTTP_${api.code}` });
      }
    },
  });
}

export const kubernetesDeployment = createKubernetesDeploymentProbe();
