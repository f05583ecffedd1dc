import "server-only";
// Configuration of the metrics feature, read once from the environment and validated with zod:
// which metric source feeds the panel and the rule engine, how often rules are evaluated, and the
// Alertmanager webhook's bearer token. lib/server/env.ts stays the shared core; this is ours.
import { z } from "zod";
import { SIGNAL_IDS, type SignalId } from "@/lib/domain/alert-rules";
import type { PromQLConfig } from "@/lib/metrics/promql";
import { featureEnv } from "../env";

const flag = z
  .enum(["0", "1", "true", "false"], { error: "must be 1/0 or true/false" })
  .optional()
  .transform((v) => v === "1" || v === "true");

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** A whole number of ms within [min, max], with the error naming the range (the numbers as typed, without separators). */
const millisecondsBetween = (min: number, max: number, fallback: number) => {
  const range = { error: `must be between ${min} and ${max} ms` };
  return z.coerce.number({ error: "must be a number of ms" }).int().min(min, range).max(max, range).default(fallback);
};

/** PROMETHEUS_QUERY_P95_LATENCY, PROMETHEUS_QUERY_ERROR_RATIO, …: replace one signal's PromQL. */
export const queryVariable = (signal: SignalId) => `PROMETHEUS_QUERY_${signal.toUpperCase()}`;

const schema = z
  .object({
    METRICS_SOURCE: z.enum(["simulator", "prometheus"], { error: "must be simulator or prometheus" }).default("simulator"),
    PROMETHEUS_URL: optionalText.pipe(
      z.url({ protocol: /^https?$/, error: "must be an http(s) URL like http://prometheus:9090" }).optional(),
    ),
    PROMETHEUS_TIMEOUT_MS: millisecondsBetween(100, 60_000, 5_000),
    PROMETHEUS_PAYMENT_FAILURE_METRIC: optionalText,
    PROMETHEUS_COUPON_LAG_METRIC: optionalText,
    PROMETHEUS_MOUNTPOINT: optionalText,
    SIMULATOR_SEED: z.string().trim().min(1).default("incident-command"),
    /** The webhook refuses every request until this is set (no anonymous ingestion). */
    ALERTMANAGER_TOKEN: optionalText.pipe(z.string().min(16, { error: "must be at least 16 characters" }).optional()),
    /** Default of the admin setting "open incidents automatically" until an admin changes it. */
    ALERTS_AUTO_OPEN: flag,
    ALERT_EVAL_INTERVAL_MS: millisecondsBetween(1_000, 60_000, 5_000),
    /** Leave evaluation to other instances (e.g. a read-only replica); the panel still works. */
    ALERT_ENGINE_DISABLED: flag,
  })
  .superRefine((v, ctx) => {
    if (v.METRICS_SOURCE === "prometheus" && !v.PROMETHEUS_URL) {
      ctx.addIssue({ code: "custom", path: ["PROMETHEUS_URL"], message: "is required when METRICS_SOURCE=prometheus" });
    }
  });

export interface AlertsConfig {
  source: "simulator" | "prometheus";
  prometheus: (PromQLConfig & { baseUrl: string; timeoutMs: number }) | null;
  simulatorSeed: string;
  alertmanagerToken: string | null;
  autoOpenDefault: boolean;
  intervalMs: number;
  engineDisabled: boolean;
}

export class AlertsConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Metrics configuration is invalid: ${problems.join("; ")}`);
    this.name = "AlertsConfigError";
  }
}

/** Parse a given environment (tests pass their own); throws AlertsConfigError naming each variable. */
export function parseAlertsConfig(source: Record<string, string | undefined>): AlertsConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new AlertsConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`));
  }
  const e = parsed.data;
  const queries: Partial<Record<SignalId, string>> = {};
  for (const signal of SIGNAL_IDS) {
    const q = source[queryVariable(signal)]?.trim();
    if (q) queries[signal] = q;
  }
  return {
    source: e.METRICS_SOURCE,
    prometheus: e.PROMETHEUS_URL
      ? {
          baseUrl: e.PROMETHEUS_URL,
          timeoutMs: e.PROMETHEUS_TIMEOUT_MS,
          queries,
          paymentFailureMetric: e.PROMETHEUS_PAYMENT_FAILURE_METRIC,
          couponLagMetric: e.PROMETHEUS_COUPON_LAG_METRIC,
          mountpoint: e.PROMETHEUS_MOUNTPOINT,
        }
      : null,
    simulatorSeed: e.SIMULATOR_SEED,
    alertmanagerToken: e.ALERTMANAGER_TOKEN ?? null,
    autoOpenDefault: e.ALERTS_AUTO_OPEN,
    intervalMs: e.ALERT_EVAL_INTERVAL_MS,
    engineDisabled: e.ALERT_ENGINE_DISABLED,
  };
}

let cached: AlertsConfig | undefined;

export function alertsConfig(): AlertsConfig {
  cached ??= parseAlertsConfig(featureEnv());
  return cached;
}
