// The manual's eight alert rules (section 3.1) as data. Pure: no I/O, no clock.
// The rule engine (lib/domain/rule-engine.ts) evaluates them with Prometheus `for:` semantics,
// lib/metrics/rules-export.ts writes them as a Prometheus rules file.
import type { Severity } from "./severity";
import { oneOf } from "@/lib/domain/one-of";

/** The shop's signals; a metric source answers each one (simulator or PromQL). */
export const SIGNAL_IDS = [
  "p95_latency",
  "error_ratio",
  "throughput",
  "cpu",
  "memory",
  "disk_free",
  "payment_failure_rate",
  "coupon_lag",
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

export type SignalUnit = "s" | "ratio" | "rps" | "percent";

export interface SignalInfo {
  id: SignalId;
  unit: SignalUnit;
  label: { ko: string; en: string };
}

export const SIGNALS: Record<SignalId, SignalInfo> = {
  p95_latency: { id: "p95_latency", unit: "s", label: { ko: "p95 응답시간", en: "p95 response time" } },
  error_ratio: { id: "error_ratio", unit: "ratio", label: { ko: "5xx 에러 비율", en: "5xx error ratio" } },
  throughput: { id: "throughput", unit: "rps", label: { ko: "처리량", en: "Throughput" } },
  cpu: { id: "cpu", unit: "percent", label: { ko: "CPU 사용률", en: "CPU usage" } },
  memory: { id: "memory", unit: "percent", label: { ko: "메모리 사용률", en: "Memory usage" } },
  disk_free: { id: "disk_free", unit: "percent", label: { ko: "디스크 여유 공간", en: "Disk free" } },
  payment_failure_rate: {
    id: "payment_failure_rate",
    unit: "ratio",
    label: { ko: "결제 실패율", en: "Payment failure rate" },
  },
  coupon_lag: { id: "coupon_lag", unit: "s", label: { ko: "쿠폰 발급 지연", en: "Coupon issue lag" } },
};

export const isSignalId = oneOf(SIGNAL_IDS);

export const ALERT_RULE_NAMES = [
  "HighResponseTime",
  "HighErrorRate",
  "LowThroughput",
  "HighCPUUsage",
  "HighMemoryUsage",
  "DiskSpaceLow",
  "PaymentFailureSpike",
  "CouponIssueDelay",
] as const;
export type AlertRuleName = (typeof ALERT_RULE_NAMES)[number];

export type Comparator = ">" | "<";
export type RuleGroup = "application" | "system" | "business";
export type TeamId = "payments" | "marketing";

/**
 * What the manual says to do when the rule fires:
 * - `severity`: raise an alert of that severity (application rules, and our choice for system rules);
 * - `notify`: notify a team (business rules). `immediate` is the manual's "즉시".
 */
export type RuleAction = { kind: "severity"; severity: Severity } | { kind: "notify"; team: TeamId; immediate: boolean };

export interface AlertRule {
  name: AlertRuleName;
  group: RuleGroup;
  signal: SignalId;
  comparator: Comparator;
  threshold: number;
  /** `for:` — the condition must hold at every evaluation for this long before the alert fires. */
  forMs: number;
  action: RuleAction;
  /**
   * Severity of the alert and of an incident declared from it (label `severity` in Prometheus).
   * `severitySource` says where it comes from: the rule's own action (3.1), the examples of the
   * severity table (1.3), or our choice where the manual gives none (system rules).
   */
  severity: Severity;
  severitySource: "manual-3.1" | "manual-1.3" | "chosen";
  unit: SignalUnit;
  description: { ko: string; en: string };
}

const MIN = 60_000;

/** CPU and memory pressure (see the system rules below): a P3 after 5 minutes, our choice, on a percentage. */
const PRESSURE_FOR_5_MIN_IS_P3 = {
  forMs: 5 * MIN,
  action: { kind: "severity", severity: "P3" },
  severity: "P3",
  severitySource: "chosen",
  unit: "percent",
} as const;

export const ALERT_RULES: readonly AlertRule[] = [
  {
    name: "HighResponseTime",
    group: "application",
    signal: "p95_latency",
    comparator: ">",
    threshold: 1.0,
    forMs: 5 * MIN,
    action: { kind: "severity", severity: "P1" },
    severity: "P1",
    severitySource: "manual-3.1",
    unit: "s",
    description: {
      ko: "p95 응답시간이 5분 동안 1초를 넘음 → P1 알람",
      en: "p95 response time above 1 s for 5 minutes → P1 alert",
    },
  },
  {
    name: "HighErrorRate",
    group: "application",
    signal: "error_ratio",
    comparator: ">",
    threshold: 0.05,
    forMs: 2 * MIN,
    action: { kind: "severity", severity: "P0" },
    severity: "P0",
    severitySource: "manual-3.1",
    unit: "ratio",
    description: {
      ko: "5xx 에러 비율이 2분 동안 5%를 넘음 → P0 알람",
      en: "5xx error ratio above 5 % for 2 minutes → P0 alert",
    },
  },
  {
    name: "LowThroughput",
    group: "application",
    signal: "throughput",
    comparator: "<",
    threshold: 50,
    forMs: 10 * MIN,
    action: { kind: "severity", severity: "P2" },
    severity: "P2",
    severitySource: "manual-3.1",
    unit: "rps",
    description: {
      ko: "초당 처리량이 10분 동안 50건 미만 → P2 알람",
      en: "Throughput below 50 requests/s for 10 minutes → P2 alert",
    },
  },
  // System rules: the manual gives thresholds but no severity. Our choice:
  // - CPU and memory pressure degrade performance without breaking a function: P3 ("성능 저하", 1.3).
  // - A disk under 20 % free (for only 1 minute) is about to stop writes (logs, DB, Kafka): part of the
  //   shop will fail soon, so P2 ("일부 기능 문제", 1.3).
  {
    name: "HighCPUUsage",
    group: "system",
    signal: "cpu",
    comparator: ">",
    threshold: 80,
    ...PRESSURE_FOR_5_MIN_IS_P3,
    description: {
      ko: "CPU 사용률이 5분 동안 80%를 넘음 (심각도 P3: 성능 저하)",
      en: "CPU usage above 80 % for 5 minutes (severity P3: degradation)",
    },
  },
  {
    name: "HighMemoryUsage",
    group: "system",
    signal: "memory",
    comparator: ">",
    threshold: 85,
    ...PRESSURE_FOR_5_MIN_IS_P3,
    description: {
      ko: "메모리 사용률이 5분 동안 85%를 넘음 (심각도 P3: 성능 저하)",
      en: "Memory usage above 85 % for 5 minutes (severity P3: degradation)",
    },
  },
  {
    name: "DiskSpaceLow",
    group: "system",
    signal: "disk_free",
    comparator: "<",
    threshold: 20,
    forMs: 1 * MIN,
    action: { kind: "severity", severity: "P2" },
    severity: "P2",
    severitySource: "chosen",
    unit: "percent",
    description: {
      ko: "디스크 여유 공간이 1분 동안 20% 미만 (심각도 P2: 곧 쓰기 실패)",
      en: "Disk free below 20 % for 1 minute (severity P2: writes will fail soon)",
    },
  },
  // Business rules: the manual's action is "notify a team". The severity comes from the examples of the
  // severity table (1.3): "결제 안됨" is P1, "쿠폰 발급 지연" is P2.
  {
    name: "PaymentFailureSpike",
    group: "business",
    signal: "payment_failure_rate",
    comparator: ">",
    threshold: 0.1,
    forMs: 2 * MIN,
    action: { kind: "notify", team: "payments", immediate: true },
    severity: "P1",
    severitySource: "manual-1.3",
    unit: "ratio",
    description: {
      ko: "결제 실패율이 2분 동안 10%를 넘음 → 즉시 결제팀 알림",
      en: "Payment failure rate above 10 % for 2 minutes → notify the payments team immediately",
    },
  },
  {
    name: "CouponIssueDelay",
    group: "business",
    signal: "coupon_lag",
    comparator: ">",
    threshold: 300,
    forMs: 5 * MIN,
    action: { kind: "notify", team: "marketing", immediate: false },
    severity: "P2",
    severitySource: "manual-1.3",
    unit: "s",
    description: {
      ko: "쿠폰 발급 지연이 5분 동안 300초를 넘음 → 마케팅팀 알림",
      en: "Coupon issue lag above 300 s for 5 minutes → notify the marketing team",
    },
  },
];

export const isAlertRuleName = oneOf(ALERT_RULE_NAMES);

export function findAlertRule(name: string): AlertRule | undefined {
  return ALERT_RULES.find((r) => r.name === name);
}

export function rulesForSignal(signal: SignalId): AlertRule[] {
  return ALERT_RULES.filter((r) => r.signal === signal);
}

/** The rule's condition for one sample. NaN (0/0) and ±Inf follow IEEE: NaN is never true. */
export function conditionHolds(rule: Pick<AlertRule, "comparator" | "threshold">, value: number): boolean {
  if (Number.isNaN(value)) return false;
  return rule.comparator === ">" ? value > rule.threshold : value < rule.threshold;
}

/** "p95 > 1 s", "5xx ratio > 5 %": the condition in words for lists and tooltips. */
export function describeCondition(rule: AlertRule, locale: "ko" | "en" = "en"): string {
  return `${SIGNALS[rule.signal].label[locale]} ${rule.comparator} ${formatSignalValue(rule.threshold, rule.unit)}`;
}

/** Human formatting of a signal value in its unit. */
export function formatSignalValue(value: number, unit: SignalUnit): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
  switch (unit) {
    case "s":
      return value >= 10 ? `${Math.round(value)} s` : `${round(value, 2)} s`;
    case "ratio":
      return `${round(value * 100, 1)} %`;
    case "rps":
      return `${round(value, 1)} rps`;
    case "percent":
      return `${round(value, 1)} %`;
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
