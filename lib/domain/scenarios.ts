// The manual's six incident scenarios (sections 2.1–2.4). Runbook detail lives in lib/domain/runbooks.
import type { Severity } from "./severity";
import { oneOf } from "@/lib/domain/one-of";

export const SCENARIO_SLUGS = [
  "redis-lock-timeout",
  "db-deadlock",
  "connection-pool-exhaustion",
  "slow-query-surge",
  "redis-cache-down",
  "kafka-consumer-lag",
] as const;
export type ScenarioSlug = (typeof SCENARIO_SLUGS)[number];

export interface Scenario {
  slug: ScenarioSlug;
  /** manual section number */
  section: string;
  title: { ko: string; en: string };
  /** severity a commander usually starts from; they can choose another */
  typicalSeverity: Severity;
  /** symptom phrases (Korean as in the manual, English for search) used to suggest the scenario */
  keywords: string[];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    slug: "redis-lock-timeout",
    section: "2.1",
    title: { ko: "Redis 분산 락 타임아웃 증가", en: "Redis distributed-lock timeout" },
    typicalSeverity: "P1",
    keywords: ["lock acquisition timeout", "분산 락", "락", "lock", "포인트 충전", "redis"],
  },
  {
    slug: "db-deadlock",
    section: "2.1",
    title: { ko: "데드락 발생", en: "Database deadlock" },
    typicalSeverity: "P1",
    keywords: ["deadlock found", "데드락", "deadlock", "무한 대기"],
  },
  {
    slug: "connection-pool-exhaustion",
    section: "2.2",
    title: { ko: "커넥션 풀 고갈", en: "Connection-pool exhaustion" },
    typicalSeverity: "P0",
    keywords: ["connection pool exhausted", "커넥션 풀", "hikari", "connection pool", "hang", "5xx"],
  },
  {
    slug: "slow-query-surge",
    section: "2.2",
    title: { ko: "슬로우 쿼리 급증", en: "Slow-query surge" },
    typicalSeverity: "P2",
    keywords: ["slow query", "슬로우 쿼리", "timeout", "타임아웃", "db cpu"],
  },
  {
    slug: "redis-cache-down",
    section: "2.3",
    title: { ko: "Redis 캐시 서버 다운", en: "Redis cache server down" },
    typicalSeverity: "P1",
    keywords: ["unable to connect to redis", "캐시", "cache", "redis down"],
  },
  {
    slug: "kafka-consumer-lag",
    section: "2.4",
    title: { ko: "쿠폰 발급 메시지 처리 지연", en: "Kafka coupon-issue consumer lag" },
    typicalSeverity: "P2",
    keywords: ["consumer lag", "쿠폰", "coupon", "kafka", "message consumption timeout"],
  },
];

export const isScenarioSlug = oneOf(SCENARIO_SLUGS);

export function findScenario(slug: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.slug === slug);
}

/** Scenarios whose symptom keywords appear in the text, best match first. */
export function suggestScenarios(text: string): Scenario[] {
  const haystack = text.toLowerCase();
  if (!haystack.trim()) return [];
  return SCENARIOS.map((s) => ({ s, score: s.keywords.filter((k) => haystack.includes(k.toLowerCase())).length }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.s);
}
