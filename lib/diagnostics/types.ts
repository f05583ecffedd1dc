// Types of the diagnostics engine: targets (where a probe connects), probes and their results.
// Pure types, safe to import from client components with `import type`.
import type { Localized, ProbeId } from "@/lib/domain/runbooks";

export type { ProbeId } from "@/lib/domain/runbooks";

export const TARGET_KINDS = ["redis", "mysql", "actuator", "prometheus", "kafka", "kubernetes"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export type Verdict = "ok" | "warning" | "critical" | "error";

export interface ProbeResult {
  probeId: ProbeId;
  verdict: Verdict;
  /** one line a human reads, e.g. "3 locks, longest TTL 29.9 s; 1 key without TTL" */
  summary: string;
  /** raw and parsed data; on error `{ error: { message, code? } }` */
  data: unknown;
  durationMs: number;
  /** ISO 8601 UTC */
  startedAt: string;
  /** which configured target answered (its name), when known */
  target?: string;
}

/** What a probe's check returns; the runner adds timing and the probe id. */
export interface ProbeOutcome {
  verdict: Verdict;
  summary: string;
  data: unknown;
}

interface TargetBase {
  /** "default" for the one from environment variables; names from DIAGNOSTICS_CONFIG otherwise */
  name: string;
  /** true when set explicitly (env or config file), false when the built-in default is used */
  configured: boolean;
}

export interface RedisTarget extends TargetBase {
  kind: "redis";
  /** redis://[user:password@]host:port[/db] or rediss:// */
  url: string;
  /** SCAN MATCH patterns of the lock probe */
  lockPatterns: string[];
  /** stop scanning after this many matching keys (the result says it was truncated) */
  maxScanKeys: number;
}

export interface MysqlTarget extends TargetBase {
  kind: "mysql";
  /** mysql://user[:password]@host:port/database */
  url: string;
  /** table of the index check, validated against /^[A-Za-z0-9_]+$/ */
  indexTable: string;
  /** columns some index should start with (the manual's EXPLAIN filters orders by user_id) */
  indexColumns: string[];
  /** processlist: queries running at least this many seconds */
  longQuerySeconds: number;
  /** transactions: open at least this many seconds */
  longTransactionSeconds: number;
}

export interface ActuatorTarget extends TargetBase {
  kind: "actuator";
  /** base URL of the Spring Boot app; /actuator/... is appended */
  url: string;
  /** HikariCP pool name (tag pool:NAME); all pools summed when absent */
  hikariPool?: string;
  /** extra request headers, e.g. Authorization for a protected actuator (masked in describeTargets) */
  headers?: Record<string, string>;
}

export type Comparator = ">" | ">=" | "<" | "<=" | "==" | "!=";

export interface PrometheusTarget extends TargetBase {
  kind: "prometheus";
  url: string;
  /** default PromQL of the prometheus.query probe */
  query: string;
  comparator: Comparator;
  warning?: number;
  critical?: number;
}

export interface KafkaTarget extends TargetBase {
  kind: "kafka";
  brokers: string[];
  groupId: string;
  topic: string;
  lagWarning: number;
  lagCritical: number;
  /** TLS to the brokers (managed Kafka, e.g. MSK or Confluent Cloud) */
  ssl: boolean;
  /** SASL authentication; the password never leaves the server (describeTargets masks it) */
  sasl?: KafkaSasl;
}

export const KAFKA_SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;
export interface KafkaSasl {
  mechanism: (typeof KAFKA_SASL_MECHANISMS)[number];
  username: string;
  password: string;
}

export interface KubernetesTarget extends TargetBase {
  kind: "kubernetes";
  /** path of a kubeconfig file; absent = in-cluster config or ~/.kube/config */
  kubeconfig?: string;
  /** kubeconfig context; absent = current context */
  context?: string;
  namespace: string;
  deployment: string;
}

export interface TargetByKind {
  redis: RedisTarget;
  mysql: MysqlTarget;
  actuator: ActuatorTarget;
  prometheus: PrometheusTarget;
  kafka: KafkaTarget;
  kubernetes: KubernetesTarget;
}
export type Target = TargetByKind[TargetKind];

/** Configured targets, several per kind possible; the first of each kind is the default one. */
export type DiagnosticTargets = { [K in TargetKind]: TargetByKind[K][] };

export interface ProbeRunOptions<P = undefined> {
  /** overrides the probe's default timeout */
  timeoutMs?: number;
  /** cancels the run (e.g. the HTTP request that asked for it went away) */
  signal?: AbortSignal;
  /** probe-specific parameters overriding the target's defaults */
  params?: P;
}

/** Given to a probe's check: abort signal and a place to register clean-up (always run, success or not). */
export interface ProbeContext {
  signal: AbortSignal;
  timeoutMs: number;
  /** registers a clean-up; `aborted` is true after a timeout or cancellation (destroy instead of closing politely) */
  defer(cleanup: (aborted: boolean) => unknown): void;
}

export interface Probe<K extends TargetKind = TargetKind, P = undefined> {
  readonly id: ProbeId;
  readonly title: Localized;
  readonly targetKind: K;
  readonly timeoutMs: number;
  /** never throws: failures and timeouts come back as verdict "error" */
  run(target: TargetByKind[K], options?: ProbeRunOptions<P>): Promise<ProbeResult>;
}

/**
 * Any probe of the registry, whatever its target kind and parameters. A Probe<K, P> is assignable to it
 * (method parameters are bivariant); run() answers "error" when given a target of another kind.
 */
export interface AnyProbe {
  readonly id: ProbeId;
  readonly title: Localized;
  readonly targetKind: TargetKind;
  readonly timeoutMs: number;
  run(target: Target, options?: ProbeRunOptions<never>): Promise<ProbeResult>;
}
