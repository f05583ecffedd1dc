import "server-only";
// Spring Boot Actuator probes over HTTP: /actuator/health and the HikariCP gauges of /actuator/metrics.
import { healthVerdict, hikariVerdict, metricValue, parseHealth, type HikariSnapshot } from "./actuator-analysis";
import { describeHttpBody, httpRequest } from "./http";
import { targetLabel } from "./labels";
import { defineProbe, errorOutcome, probeFamily } from "./runner";
import type { ActuatorTarget, ProbeContext } from "./types";

const TIMEOUT_MS = 3_000;
const actuatorProbe = probeFamily("actuator", TIMEOUT_MS);

export const actuatorHealth = defineProbe({
  ...actuatorProbe("actuator.health", { ko: "애플리케이션 헬스 (/actuator/health)", en: "Application health (/actuator/health)" }),
  async check(target, _params: undefined, ctx) {
    const url = `${target.url}/actuator/health`;
    const answer = await httpRequest(url, { signal: ctx.signal, headers: target.headers });
    // DOWN and OUT_OF_SERVICE come with HTTP 503 and a JSON body: read the body whatever the status.
    const health = parseHealth(answer.json);
    if (!health) return errorOutcome(`${targetLabel(target)} /actuator/health did not answer health JSON (${describeHttpBody(answer)})`);
    return { ...healthVerdict(health), data: { httpStatus: answer.status, ...health, raw: answer.json } };
  },
});

const HIKARI_METRICS = ["active", "idle", "pending", "max", "timeout"] as const;
type HikariMetric = (typeof HIKARI_METRICS)[number];

/** Remembers the last timeout counter per target so a run can say "timeouts increased since the last check". */
export class TimeoutMemory {
  private readonly last = new Map<string, number>();
  /** stores the new value and returns the previous one */
  swap(key: string, value: number | null): number | null {
    const previous = this.last.get(key) ?? null;
    if (value !== null) this.last.set(key, value);
    return previous;
  }
}

async function readMetric(target: ActuatorTarget, metric: HikariMetric, ctx: ProbeContext) {
  const tag = target.hikariPool ? `?tag=${encodeURIComponent(`pool:${target.hikariPool}`)}` : "";
  const answer = await httpRequest(`${target.url}/actuator/metrics/hikaricp.connections.${metric}${tag}`, {
    signal: ctx.signal,
    headers: target.headers,
  });
  return { metric, status: answer.status, value: answer.status === 200 ? metricValue(answer.json) : null, answer };
}

export function createActuatorHikariProbe(memory: TimeoutMemory = new TimeoutMemory()) {
  return defineProbe({
    ...actuatorProbe("actuator.hikari", { ko: "커넥션 풀 (HikariCP 지표)", en: "Connection pool (HikariCP metrics)" }),
    async check(target, _params: undefined, ctx) {
      const answers = await Promise.all(HIKARI_METRICS.map((m) => readMetric(target, m, ctx)));
      const value = (m: HikariMetric) => answers.find((a) => a.metric === m)?.value ?? null;
      const missing = answers.filter((a) => a.value === null && a.metric !== "timeout" && a.metric !== "idle");
      if (missing.length > 0) {
        const first = missing[0];
        const hint = first.status === 404 ? " (metric not found: is HikariCP with Micrometer enabled?)" : "";
        return errorOutcome(`${targetLabel(target)} hikaricp.connections.${first.metric}: ${describeHttpBody(first.answer)}${hint}`, {
          message: `hikaricp.connections.${first.metric} unavailable`,
          code: `HTTP_${first.status}`,
        });
      }
      const snapshot: HikariSnapshot = {
        active: value("active") ?? 0,
        idle: value("idle"),
        pending: value("pending") ?? 0,
        max: value("max") ?? 0,
        timeouts: value("timeout"),
      };
      const previous = memory.swap(`${target.name} ${target.url} ${target.hikariPool ?? ""}`, snapshot.timeouts);
      return {
        ...hikariVerdict(snapshot, previous),
        data: { ...snapshot, previousTimeouts: previous, pool: target.hikariPool ?? "(all pools)" },
      };
    },
  });
}

export const actuatorHikari = createActuatorHikariProbe();
