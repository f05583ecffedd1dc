// Display helpers for targets: masked URLs and the label used in error messages. Pure.
import type { Target } from "./types";

/** Replaces the password of a URL and secret-looking query parameters with ****. */
export function maskUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:****@");
  }
  if (url.password) url.password = "****";
  for (const key of [...url.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(key)) url.searchParams.set(key, "****");
  }
  return url.toString().replace(/%2A%2A%2A%2A/g, "****");
}

/** "host:port" of a URL, with the scheme's default port. */
export function hostPort(raw: string, defaultPort: number): string {
  try {
    const url = new URL(raw);
    return `${url.hostname}:${url.port || defaultPort}`;
  } catch {
    return maskUrl(raw);
  }
}

/** Names the target in error messages, e.g. "Redis at 127.0.0.1:6380". Holds no secret. */
export function targetLabel(target: Target): string {
  switch (target.kind) {
    case "redis":
      return `Redis at ${hostPort(target.url, 6379)}`;
    case "mysql":
      return `MySQL at ${hostPort(target.url, 3306)}`;
    case "actuator":
      return `Actuator at ${hostPort(target.url, target.url.startsWith("https:") ? 443 : 80)}`;
    case "prometheus":
      return `Prometheus at ${hostPort(target.url, target.url.startsWith("https:") ? 443 : 80)}`;
    case "kafka":
      return `Kafka at ${target.brokers.join(",")}`;
    case "kubernetes":
      return `Kubernetes API (${target.context ?? "current context"}, namespace ${target.namespace})`;
  }
}
