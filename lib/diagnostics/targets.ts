import "server-only";
// Where the probes connect. Read from an env-like object handed in by the app's env module (this file
// never reads process.env), plus an optional JSON file (DIAGNOSTICS_CONFIG) with several named targets
// per kind. Secrets stay on the server: describeTargets() masks them for display.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type {
  ActuatorTarget,
  DiagnosticTargets,
  KafkaTarget,
  KubernetesTarget,
  MysqlTarget,
  PrometheusTarget,
  RedisTarget,
  Target,
  TargetKind,
} from "./types";
import { KAFKA_SASL_MECHANISMS, TARGET_KINDS, type KafkaSasl } from "./types";
import { maskUrl } from "./labels";

export { hostPort, maskUrl, targetLabel } from "./labels";

export type EnvLike = Record<string, string | undefined>;

export const DEFAULTS = {
  REDIS_URL: "redis://127.0.0.1:6379",
  MYSQL_URL: "mysql://root@127.0.0.1:3306/test",
  ACTUATOR_URL: "http://127.0.0.1:8080",
  PROMETHEUS_URL: "http://127.0.0.1:9090",
  KAFKA_BROKERS: "127.0.0.1:9092",
  KAFKA_GROUP: "hhplus-consumer-group",
  KAFKA_TOPIC: "coupon-issue",
  K8S_NAMESPACE: "default",
  K8S_DEPLOYMENT: "hhplus-app",
  LOCK_PATTERNS: ["MY_LOCK:*", "lock:*"],
  MAX_SCAN_KEYS: 10_000,
  INDEX_TABLE: "orders",
  INDEX_COLUMNS: ["user_id"],
  LONG_QUERY_SECONDS: 5,
  LONG_TRANSACTION_SECONDS: 10,
  /** the manual's HighResponseTime rule: p95 above 1 s */
  PROMETHEUS_QUERY: "histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket[5m])))",
  LAG_WARNING: 1_000,
  LAG_CRITICAL: 10_000,
} as const;

const name = z.string().min(1).max(64);
const patterns = z.array(z.string().min(1)).min(1);
const configSchema = z
  .object({
    redis: z.array(
      z.object({ name, url: z.string(), lockPatterns: patterns.optional(), maxScanKeys: z.number().int().positive().optional() }),
    ),
    mysql: z.array(
      z.object({
        name,
        url: z.string(),
        indexTable: z
          .string()
          .regex(/^[A-Za-z0-9_]+$/)
          .optional(),
        indexColumns: z.array(z.string().regex(/^[A-Za-z0-9_]+$/)).optional(),
        longQuerySeconds: z.number().positive().optional(),
        longTransactionSeconds: z.number().positive().optional(),
      }),
    ),
    actuator: z.array(
      z.object({ name, url: z.string(), hikariPool: z.string().optional(), headers: z.record(z.string(), z.string()).optional() }),
    ),
    prometheus: z.array(
      z.object({
        name,
        url: z.string(),
        query: z.string().optional(),
        comparator: z.enum([">", ">=", "<", "<=", "==", "!="]).optional(),
        warning: z.number().optional(),
        critical: z.number().optional(),
      }),
    ),
    kafka: z.array(
      z.object({
        name,
        brokers: z.array(z.string()).min(1),
        groupId: z.string(),
        topic: z.string(),
        lagWarning: z.number().optional(),
        lagCritical: z.number().optional(),
        ssl: z.boolean().optional(),
        sasl: z.object({ mechanism: z.enum(KAFKA_SASL_MECHANISMS), username: z.string().min(1), password: z.string().min(1) }).optional(),
      }),
    ),
    kubernetes: z.array(
      z.object({ name, kubeconfig: z.string().optional(), context: z.string().optional(), namespace: z.string(), deployment: z.string() }),
    ),
  })
  .partial();
export type DiagnosticsConfig = z.infer<typeof configSchema>;

function pick(env: EnvLike, key: string, fallback: string): { value: string; configured: boolean } {
  const raw = env[key]?.trim();
  return raw ? { value: raw, configured: true } : { value: fallback, configured: false };
}

function fromEnv(env: EnvLike): DiagnosticTargets {
  const redis = pick(env, "REDIS_URL", DEFAULTS.REDIS_URL);
  const mysql = pick(env, "MYSQL_URL", DEFAULTS.MYSQL_URL);
  const actuator = pick(env, "ACTUATOR_URL", DEFAULTS.ACTUATOR_URL);
  const prometheus = pick(env, "PROMETHEUS_URL", DEFAULTS.PROMETHEUS_URL);
  const brokers = pick(env, "KAFKA_BROKERS", DEFAULTS.KAFKA_BROKERS);
  const group = pick(env, "KAFKA_GROUP", DEFAULTS.KAFKA_GROUP);
  const topic = pick(env, "KAFKA_TOPIC", DEFAULTS.KAFKA_TOPIC);
  const kafkaSecurity = kafkaSecurityFromEnv(env);
  const kubeconfig = env.KUBECONFIG?.trim();
  const namespace = pick(env, "K8S_NAMESPACE", DEFAULTS.K8S_NAMESPACE);
  const deployment = pick(env, "K8S_DEPLOYMENT", DEFAULTS.K8S_DEPLOYMENT);
  const k8s: KubernetesTarget = {
    kind: "kubernetes",
    name: "default",
    configured: Boolean(kubeconfig) || namespace.configured || deployment.configured,
    namespace: namespace.value,
    deployment: deployment.value,
  };
  if (kubeconfig) k8s.kubeconfig = kubeconfig.split(":")[0];
  return {
    redis: [redisTarget({ name: "default", url: redis.value }, redis.configured)],
    mysql: [mysqlTarget({ name: "default", url: mysql.value }, mysql.configured)],
    actuator: [actuatorTarget({ name: "default", url: actuator.value }, actuator.configured)],
    prometheus: [prometheusTarget({ name: "default", url: prometheus.value }, prometheus.configured)],
    kafka: [
      kafkaTarget(
        { name: "default", brokers: splitList(brokers.value), groupId: group.value, topic: topic.value, ...kafkaSecurity },
        brokers.configured || group.configured || topic.configured,
      ),
    ],
    kubernetes: [k8s],
  };
}

/**
 * KAFKA_SSL=1 and KAFKA_SASL_MECHANISM (plain, scram-sha-256, scram-sha-512) with KAFKA_SASL_USERNAME and
 * KAFKA_SASL_PASSWORD. A half-configured SASL is refused at start rather than failing at 3 a.m.
 */
function kafkaSecurityFromEnv(env: EnvLike): { ssl?: boolean; sasl?: KafkaSasl } {
  const ssl = env.KAFKA_SSL?.trim().toLowerCase();
  if (ssl && !["1", "0", "true", "false"].includes(ssl)) throw new Error(`KAFKA_SSL must be 1/0 or true/false, not "${env.KAFKA_SSL}"`);
  const mechanism = env.KAFKA_SASL_MECHANISM?.trim().toLowerCase();
  const username = env.KAFKA_SASL_USERNAME?.trim();
  const password = env.KAFKA_SASL_PASSWORD;
  const out: { ssl?: boolean; sasl?: KafkaSasl } = { ssl: ssl === "1" || ssl === "true" };
  if (!mechanism && !username && !password) return out;
  if (!mechanism || !(KAFKA_SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
    throw new Error(`KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(", ")} when KAFKA_SASL_USERNAME/PASSWORD are set`);
  }
  if (!username || !password) throw new Error("KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are both required with KAFKA_SASL_MECHANISM");
  out.sasl = { mechanism: mechanism as KafkaSasl["mechanism"], username, password };
  return out;
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

type Cfg<K extends TargetKind> = NonNullable<DiagnosticsConfig[K]>[number];

/** What every target says first: its kind, its name and whether it was configured (not a local default). */
function targetIdentity<K extends TargetKind>(kind: K, c: { name: string }, configured: boolean) {
  return { kind, name: c.name, configured };
}

function redisTarget(c: Cfg<"redis">, configured: boolean): RedisTarget {
  return {
    ...targetIdentity("redis", c, configured),
    url: c.url,
    lockPatterns: c.lockPatterns ?? [...DEFAULTS.LOCK_PATTERNS],
    maxScanKeys: c.maxScanKeys ?? DEFAULTS.MAX_SCAN_KEYS,
  };
}
function mysqlTarget(c: Cfg<"mysql">, configured: boolean): MysqlTarget {
  return {
    ...targetIdentity("mysql", c, configured),
    url: c.url,
    indexTable: c.indexTable ?? DEFAULTS.INDEX_TABLE,
    indexColumns: c.indexColumns ?? [...DEFAULTS.INDEX_COLUMNS],
    longQuerySeconds: c.longQuerySeconds ?? DEFAULTS.LONG_QUERY_SECONDS,
    longTransactionSeconds: c.longTransactionSeconds ?? DEFAULTS.LONG_TRANSACTION_SECONDS,
  };
}
function actuatorTarget(c: Cfg<"actuator">, configured: boolean): ActuatorTarget {
  const t: ActuatorTarget = { kind: "actuator", name: c.name, configured, url: c.url.replace(/\/+$/, "") };
  if (c.hikariPool) t.hikariPool = c.hikariPool;
  if (c.headers) t.headers = c.headers;
  return t;
}
function prometheusTarget(c: Cfg<"prometheus">, configured: boolean): PrometheusTarget {
  const t: PrometheusTarget = {
    ...targetIdentity("prometheus", c, configured),
    url: c.url.replace(/\/+$/, ""),
    query: c.query ?? DEFAULTS.PROMETHEUS_QUERY,
    comparator: c.comparator ?? ">",
  };
  // Without explicit thresholds the default query uses the manual's rule: p95 > 1.0 s is P1.
  const warning = c.warning ?? (c.query ? undefined : 1.0);
  if (warning !== undefined) t.warning = warning;
  if (c.critical !== undefined) t.critical = c.critical;
  return t;
}
function kafkaTarget(c: Cfg<"kafka">, configured: boolean): KafkaTarget {
  return {
    ...targetIdentity("kafka", c, configured),
    brokers: c.brokers,
    groupId: c.groupId,
    topic: c.topic,
    lagWarning: c.lagWarning ?? DEFAULTS.LAG_WARNING,
    lagCritical: c.lagCritical ?? DEFAULTS.LAG_CRITICAL,
    ssl: c.ssl ?? false,
    ...(c.sasl ? { sasl: c.sasl } : {}),
  };
}
function kubernetesTarget(c: Cfg<"kubernetes">): KubernetesTarget {
  const t: KubernetesTarget = { kind: "kubernetes", name: c.name, configured: true, namespace: c.namespace, deployment: c.deployment };
  if (c.kubeconfig) t.kubeconfig = c.kubeconfig;
  if (c.context) t.context = c.context;
  return t;
}

/** Parses and validates a DIAGNOSTICS_CONFIG document; throws with the failing paths. */
export function parseDiagnosticsConfig(json: unknown): DiagnosticsConfig {
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid diagnostics config: ${issues}`);
  }
  return parsed.data;
}

/** Merges config-file targets over the env ones: a config target named like an env one replaces it. */
export function mergeConfig(base: DiagnosticTargets, config: DiagnosticsConfig): DiagnosticTargets {
  const merged: DiagnosticTargets = { ...base };
  const put = <K extends TargetKind, C>(
    kind: K,
    configs: readonly C[] | undefined,
    toTarget: (config: C) => DiagnosticTargets[K][number],
  ) => {
    if (!configs) return;
    const targets = configs.map(toTarget);
    const kept = base[kind].filter((b) => !targets.some((t) => t.name === b.name));
    // Config targets come first when one is named "default"; otherwise the env default stays first.
    merged[kind] = (targets.some((t) => t.name === "default") ? [...targets, ...kept] : [...kept, ...targets]) as DiagnosticTargets[K];
  };
  put("redis", config.redis, (c) => redisTarget(c, true));
  put("mysql", config.mysql, (c) => mysqlTarget(c, true));
  put("actuator", config.actuator, (c) => actuatorTarget(c, true));
  put("prometheus", config.prometheus, (c) => prometheusTarget(c, true));
  put("kafka", config.kafka, (c) => kafkaTarget(c, true));
  put("kubernetes", config.kubernetes, (c) => kubernetesTarget(c));
  return merged;
}

/**
 * Targets from environment variables (REDIS_URL, MYSQL_URL, ACTUATOR_URL, PROMETHEUS_URL, KAFKA_BROKERS,
 * KAFKA_GROUP, KAFKA_TOPIC, KAFKA_SSL, KAFKA_SASL_*, KUBECONFIG, K8S_NAMESPACE, K8S_DEPLOYMENT) with local defaults, plus the
 * named targets of the JSON file at DIAGNOSTICS_CONFIG. Throws when that file is unreadable or invalid.
 */
export function targetsFromEnv(env: EnvLike, readFile: (path: string) => string = (p) => readFileSync(p, "utf8")): DiagnosticTargets {
  const base = fromEnv(env);
  const path = env.DIAGNOSTICS_CONFIG?.trim();
  if (!path) return base;
  let json: unknown;
  try {
    json = JSON.parse(readFile(path));
  } catch (error) {
    throw new Error(`DIAGNOSTICS_CONFIG ${path} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return mergeConfig(base, parseDiagnosticsConfig(json));
}

/** The target of a kind by name, or the first (default) one. */
export function findTarget<K extends TargetKind>(
  targets: DiagnosticTargets,
  kind: K,
  name?: string,
): DiagnosticTargets[K][number] | undefined {
  const list = targets[kind];
  return name ? list.find((t) => t.name === name) : list[0];
}

export interface TargetDescription {
  kind: TargetKind;
  name: string;
  configured: boolean;
  /** where it points, secrets masked */
  address: string;
  /** other settings worth showing, secrets masked */
  details: Record<string, string>;
}

/** For display: every target with secrets masked and whether it was configured or is a default. */
export function describeTargets(targets: DiagnosticTargets): TargetDescription[] {
  const out: TargetDescription[] = [];
  for (const kind of TARGET_KINDS) {
    for (const t of targets[kind] as Target[]) out.push(describeTarget(t));
  }
  return out;
}

function describeTarget(t: Target): TargetDescription {
  const base = { kind: t.kind, name: t.name, configured: t.configured };
  switch (t.kind) {
    case "redis":
      return { ...base, address: maskUrl(t.url), details: { lockPatterns: t.lockPatterns.join(", "), maxScanKeys: String(t.maxScanKeys) } };
    case "mysql":
      return { ...base, address: maskUrl(t.url), details: { indexTable: t.indexTable, longQuerySeconds: String(t.longQuerySeconds) } };
    case "actuator": {
      const details: Record<string, string> = {};
      if (t.hikariPool) details.hikariPool = t.hikariPool;
      for (const header of Object.keys(t.headers ?? {})) details[`header ${header}`] = "****";
      return { ...base, address: maskUrl(t.url), details };
    }
    case "prometheus":
      return { ...base, address: maskUrl(t.url), details: { query: t.query } };
    case "kafka":
      return {
        ...base,
        address: t.brokers.join(","),
        details: {
          group: t.groupId,
          topic: t.topic,
          tls: t.ssl ? "on" : "off",
          ...(t.sasl ? { sasl: `${t.sasl.mechanism} as ${t.sasl.username} (password ****)` } : {}),
        },
      };
    case "kubernetes":
      return {
        ...base,
        address: t.kubeconfig ?? "in-cluster or ~/.kube/config",
        details: { context: t.context ?? "(current)", namespace: t.namespace, deployment: t.deployment },
      };
  }
}
