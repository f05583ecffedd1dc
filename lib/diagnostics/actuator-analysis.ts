// Pure reading of Spring Boot Actuator answers: /actuator/health and /actuator/metrics/{name}.
import type { ProbeOutcome, Verdict } from "./types";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface HealthComponent {
  /** dotted path for nested components, e.g. "db.primary" */
  name: string;
  status: string;
}

export interface HealthReport {
  status: string;
  components: HealthComponent[];
}

/** Reads the V3 shape ({status, components}) and the Boot 2.0/2.1 shape ({status, details}). */
export function parseHealth(json: unknown): HealthReport | null {
  if (!isRecord(json) || typeof json.status !== "string") return null;
  const components: HealthComponent[] = [];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    const children = isRecord(node.components) ? node.components : isRecord(node.details) && prefix === "" ? node.details : null;
    if (!children) return;
    for (const [name, child] of Object.entries(children)) {
      if (!isRecord(child) || typeof child.status !== "string") continue;
      const path = prefix ? `${prefix}.${name}` : name;
      components.push({ name: path, status: child.status });
      walk(child, path);
    }
  };
  walk(json, "");
  return { status: json.status, components };
}

export function healthVerdict(h: HealthReport): Omit<ProbeOutcome, "data"> {
  const bad = h.components.filter((c) => c.status !== "UP");
  let verdict: Verdict;
  if (h.status === "DOWN" || h.status === "OUT_OF_SERVICE") verdict = "critical";
  else if (h.status !== "UP" || bad.length > 0) verdict = "warning";
  else verdict = "ok";
  const detail =
    h.components.length === 0
      ? " (no components shown: management.endpoint.health.show-components is off)"
      : bad.length > 0
        ? `; ${bad.map((c) => `${c.name} ${c.status}`).join(", ")}`
        : `; ${h.components.length} components UP`;
  return { verdict, summary: `status ${h.status}${detail}` };
}

/** The value of a /actuator/metrics/{name} answer: VALUE for gauges, COUNT for counters. */
export function metricValue(json: unknown): number | null {
  if (!isRecord(json) || !Array.isArray(json.measurements)) return null;
  const measurements = json.measurements.filter(isRecord);
  const preferred = ["VALUE", "COUNT", "TOTAL"];
  for (const statistic of preferred) {
    const m = measurements.find((x) => x.statistic === statistic && typeof x.value === "number");
    if (m && typeof m.value === "number") return m.value;
  }
  const first = measurements.find((x) => typeof x.value === "number");
  return first && typeof first.value === "number" ? first.value : null;
}

export interface HikariSnapshot {
  active: number;
  idle: number | null;
  pending: number;
  max: number;
  /** hikaricp.connections.timeout: a counter since the app started */
  timeouts: number | null;
}

export function hikariVerdict(s: HikariSnapshot, previousTimeouts: number | null): Omit<ProbeOutcome, "data"> {
  const usage = s.max > 0 ? s.active / s.max : 0;
  const newTimeouts = s.timeouts !== null && previousTimeouts !== null ? s.timeouts - previousTimeouts : null;
  let verdict: Verdict = "ok";
  if (s.pending > 0 && s.active >= s.max) verdict = "critical";
  else if (usage >= 0.8 || (newTimeouts !== null && newTimeouts > 0) || s.pending > 0) verdict = "warning";
  const parts = [`active ${s.active}/${s.max}`];
  if (s.idle !== null) parts.push(`idle ${s.idle}`);
  parts.push(`${s.pending} thread${s.pending === 1 ? "" : "s"} waiting`);
  if (s.timeouts !== null) {
    const delta = newTimeouts === null ? "" : newTimeouts > 0 ? ` (+${newTimeouts} since the last check)` : " (none new)";
    parts.push(`${s.timeouts} acquire timeouts since start${delta}`);
  }
  if (verdict === "critical") parts.unshift("pool exhausted");
  return { verdict, summary: parts.join(", ") };
}
