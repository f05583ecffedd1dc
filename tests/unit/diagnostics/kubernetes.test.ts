// The Kubernetes probe at the client boundary: recorded API objects (as @kubernetes/client-node 1.4.0
// returns them) through an injected API.
import type { V1Deployment, V1Pod, V1PodList } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { createKubernetesDeploymentProbe, type KubernetesApiLike } from "@/lib/diagnostics/kubernetes";
import { labelSelector } from "@/lib/diagnostics/kubernetes-analysis";
import { targetsFromEnv } from "@/lib/diagnostics/targets";

const target = targetsFromEnv({ K8S_NAMESPACE: "prod", KUBECONFIG: "/etc/kube/config" }).kubernetes[0];

const deployment = (ready: number, over: Partial<V1Deployment["status"]> = {}): V1Deployment => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "hhplus-app", namespace: "prod", generation: 7, labels: { app: "hhplus-app" } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: "hhplus-app", tier: "api" } },
    template: {
      metadata: { labels: { app: "hhplus-app", tier: "api" } },
      spec: { containers: [{ name: "app", image: "hhplus/app:1.42.0" }] },
    },
  },
  status: {
    observedGeneration: 7,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: ready,
    availableReplicas: ready,
    unavailableReplicas: 3 - ready || undefined,
    ...over,
  },
});

const pod = (name: string, ready: boolean, restarts: number, last?: string, waiting?: string): V1Pod => ({
  metadata: { name, namespace: "prod", labels: { app: "hhplus-app", tier: "api" } },
  spec: { nodeName: "node-a", containers: [{ name: "app", image: "hhplus/app:1.42.0" }] },
  status: {
    phase: "Running",
    containerStatuses: [
      {
        name: "app",
        image: "hhplus/app:1.42.0",
        imageID: "docker-pullable://hhplus/app@sha256:0f3c",
        ready,
        restartCount: restarts,
        started: ready,
        state: waiting
          ? { waiting: { reason: waiting, message: "back-off 5m0s restarting failed container" } }
          : { running: { startedAt: new Date("2026-11-25T02:10:00Z") } },
        lastState: last
          ? {
              terminated: {
                exitCode: 137,
                reason: last,
                startedAt: new Date("2026-11-25T02:00:00Z"),
                finishedAt: new Date("2026-11-25T02:09:58Z"),
              },
            }
          : {},
      },
    ],
  },
});

function api(d: V1Deployment, pods: V1Pod[]) {
  const calls: string[] = [];
  const fake: KubernetesApiLike = {
    readDeployment: async (ns, name) => {
      calls.push(`read ${ns}/${name}`);
      return d;
    },
    listPods: async (ns, selector): Promise<V1PodList> => {
      calls.push(`list ${ns} ${selector}`);
      return { apiVersion: "v1", kind: "PodList", metadata: { resourceVersion: "123" }, items: pods };
    },
  };
  return { fake, calls };
}

describe("labelSelector", () => {
  it("builds the selector from matchLabels and matchExpressions", () => {
    expect(labelSelector({ matchLabels: { app: "x", tier: "api" } })).toBe("app=x,tier=api");
    expect(
      labelSelector({
        matchExpressions: [
          { key: "env", operator: "In", values: ["prod", "canary"] },
          { key: "legacy", operator: "DoesNotExist" },
        ],
      }),
    ).toBe("env in (prod,canary),!legacy");
  });
});

describe("kubernetes.deployment probe", () => {
  it("lists the deployment's pods by its selector and reports ready/desired, restarts and OOMKilled", async () => {
    const { fake, calls } = api(deployment(2), [
      pod("hhplus-app-7c9-a", true, 0),
      pod("hhplus-app-7c9-b", true, 3, "OOMKilled"),
      pod("hhplus-app-7c9-c", false, 5, "OOMKilled", "CrashLoopBackOff"),
    ]);
    const r = await createKubernetesDeploymentProbe(async () => fake).run(target);
    expect(calls).toEqual(["read prod/hhplus-app", "list prod app=hhplus-app,tier=api"]);
    expect(r.verdict).toBe("warning");
    expect(r.summary).toBe(
      "hhplus-app: 2/3 ready; rollout in progress (3 updated, 2 available); 8 restarts; OOMKilled×2, CrashLoopBackOff×1",
    );
    expect(r.data).toMatchObject({ desired: 3, ready: 2, selector: "app=hhplus-app,tier=api" });
  });

  it("is ok when every replica is ready and nothing restarted", async () => {
    const { fake } = api(deployment(3), [pod("a", true, 0), pod("b", true, 0), pod("c", true, 0)]);
    const r = await createKubernetesDeploymentProbe(async () => fake).run(target);
    expect(r).toMatchObject({ verdict: "ok", summary: "hhplus-app: 3/3 ready" });
  });

  it("is critical with no ready replica", async () => {
    const { fake } = api(deployment(0), [pod("a", false, 9, "Error", "CrashLoopBackOff")]);
    expect((await createKubernetesDeploymentProbe(async () => fake).run(target)).verdict).toBe("critical");
  });

  it("turns an ApiException into a readable error", async () => {
    const notFound = Object.assign(new Error("HTTP-Code: 404\nMessage: Unknown API Status Code!"), {
      code: 404,
      body: JSON.stringify({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        message: 'deployments.apps "hhplus-app" not found',
        reason: "NotFound",
        code: 404,
      }),
    });
    const failing: KubernetesApiLike = {
      readDeployment: () => Promise.reject(notFound),
      listPods: () => Promise.reject(new Error("not called")),
    };
    const r = await createKubernetesDeploymentProbe(async () => failing).run(target);
    expect(r.verdict).toBe("error");
    expect(r.summary).toBe(
      'Kubernetes API (current context, namespace prod) answered HTTP 404 (NotFound: deployments.apps "hhplus-app" not found)',
    );
  });
});
