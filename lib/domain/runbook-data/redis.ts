// Manual 2.1 "Redis 분산 락 타임아웃 증가" and 2.3 "Redis 캐시 서버 다운".
import type { RunbookDef } from "../runbook-types";
import {
  ACTUATOR_HEALTH,
  REDIS_KEYS_COUNT,
  added,
  addedBash,
  kubectlRestart,
  kubectlScale,
  kubectlSetEnv,
  manualBash,
  step,
  t,
} from "./commands";

const redisLockTimeout: RunbookDef = {
  slug: "redis-lock-timeout",
  symptoms: [
    t("포인트 충전/주문 결제 응답시간 급증", "Response time of point charging and order payment spikes"),
    t('"Lock acquisition timeout" 에러 로그 증가', 'More "Lock acquisition timeout" errors in the logs'),
    t("사용자 대기 시간 길어짐", "Users wait longer"),
  ],
  diagnostics: [
    step("Redis 연결 상태 확인", "Check the Redis connection", { command: manualBash("redis-cli ping"), probeId: "redis.ping" }),
    step("Redis 메모리 사용량 확인", "Check Redis memory usage", { command: manualBash("redis-cli info memory"), probeId: "redis.memory" }),
    step("활성 락 개수 확인", "Count the active locks", { command: REDIS_KEYS_COUNT, probeId: "redis.locks" }),
    step("애플리케이션 로그 확인", "Check the application logs", {
      command: manualBash('kubectl logs -f deployment/hhplus-app | grep "Lock acquisition"', {
        corrected: 'kubectl logs -f -l app=hhplus-app --prefix --max-log-requests=10 | grep "Lock acquisition"',
        issue: "caution",
        note: t(
          "`deployment/X`는 파드 하나의 로그만 보여 줍니다. 배포의 셀렉터 라벨(-l)로 모든 파드를 보세요.",
          "`deployment/X` follows the logs of one pod only; use the deployment's selector label (-l) to follow every pod.",
        ),
      }),
      probeId: null,
    }),
    added("Redis 클라이언트 연결 수와 차단된 클라이언트 확인", "Check connected and blocked Redis clients", {
      command: addedBash("redis-cli info clients"),
      probeId: "redis.clients",
    }),
  ],
  respondTitle: t("즉시 대응 (5분 이내)", "Immediate response (within 5 min)"),
  respondWithinMinutes: 5,
  respond: [
    step("Redis 재시작", "Restart Redis", {
      command: kubectlRestart(
        "redis",
        t(
          "Redis를 재시작하면 모든 락과 캐시 키가 한꺼번에 사라집니다(영속화가 없으면): 지금 락을 쥔 작업이 보호 없이 겹쳐 실행될 수 있습니다.",
          "Restarting Redis drops every lock and cached key at once (without persistence): work that holds a lock now may run concurrently, unprotected.",
        ),
      ),
    }),
    step("애플리케이션 락 타임아웃 임시 증가", "Raise the application's lock wait time temporarily", {
      command: kubectlSetEnv("hhplus-app", "LOCK_WAIT_TIME=10"),
    }),
    step("부하 분산을 위한 인스턴스 증설", "Add instances to spread the load", {
      command: kubectlScale(
        "hhplus-app",
        5,
        t(
          "인스턴스가 늘면 같은 락을 두고 경쟁하는 클라이언트도 늘어납니다.",
          "More instances also mean more clients contending for the same locks.",
        ),
      ),
    }),
  ],
  rootCause: [
    step("Redis 메모리 부족 여부 확인", "Check whether Redis is short of memory"),
    step("락 보유 시간이 긴 트랜잭션 식별", "Identify the transactions that hold locks for long"),
    step("동시 사용자 급증 여부 확인", "Check for a surge of concurrent users"),
  ],
  permanentFixes: [
    step("Redis 클러스터 구성", "Set up a Redis cluster"),
    step("락 키 세분화", "Make lock keys finer-grained"),
    step("트랜잭션 범위 최소화", "Keep the transaction scope minimal"),
  ],
  recovery: [],
};

const redisCacheDown: RunbookDef = {
  slug: "redis-cache-down",
  symptoms: [
    t("캐시 의존 API 응답시간 급증", "Response time of cache-dependent APIs spikes"),
    t('"Unable to connect to Redis" 에러', '"Unable to connect to Redis" errors'),
    t("DB 부하 급증", "Database load spikes"),
  ],
  diagnostics: [
    step("Redis 서버 상태 확인", "Check the Redis server", { command: manualBash("redis-cli ping"), probeId: "redis.ping" }),
    step("Redis 프로세스 확인", "Check the Redis process", {
      command: manualBash("ps aux | grep redis", {
        issue: "caution",
        note: t(
          "서버에서만 의미가 있습니다. 쿠버네티스에서는 `kubectl get pods -l app=redis`로 파드 상태와 재시작 횟수를 보세요.",
          "Meaningful on the host only; on Kubernetes use `kubectl get pods -l app=redis` for pod state and restarts.",
        ),
      }),
      probeId: null,
    }),
    step("네트워크 연결 확인", "Check network connectivity", {
      command: manualBash("telnet redis-host 6379", {
        corrected: "redis-cli -h redis-host -p 6379 ping",
        issue: "caution",
        note: t(
          "telnet은 대부분의 컨테이너 이미지에 없습니다. redis-cli ping(또는 nc -zv redis-host 6379)은 연결 거부와 무응답을 구분해 줍니다.",
          "telnet is missing from most container images; redis-cli ping (or nc -zv redis-host 6379) tells a refused connection from no answer.",
        ),
      }),
      probeId: "redis.ping",
    }),
    added("애플리케이션 헬스에서 redis 컴포넌트 확인", "Check the redis component of the application's health", {
      command: addedBash(ACTUATOR_HEALTH),
      probeId: "actuator.health",
    }),
  ],
  respondTitle: t("Failover 처리", "Failover"),
  respond: [
    step("Redis 재시작 시도", "Try restarting Redis", {
      command: manualBash("systemctl restart redis", {
        issue: "caution",
        note: t(
          "영속화가 없으면 캐시가 비어 시작합니다: 캐시가 다시 채워질 때까지 DB 부하가 몰립니다.",
          "Without persistence the cache starts empty: expect a burst of database load until it warms up.",
        ),
      }),
    }),
    step("슬레이브 서버로 전환 (구성되어 있는 경우)", "Switch to the replica (if one is configured)", {
      command: manualBash(`kubectl patch service redis-service -p '{"spec":{"selector":{"app":"redis-slave"}}}'`, {
        corrected: `kubectl patch service redis-service -p '{"spec":{"selector":{"app":"redis-replica"}}}'\nkubectl get endpoints redis-service`,
        issue: "caution",
        note: t(
          "Redis는 'slave' 대신 'replica'라고 부릅니다. 셀렉터가 실제 레플리카 파드 라벨과 맞지 않으면 트래픽이 모두 끊기니 endpoints로 확인하세요(레플리카는 승격 전까지 읽기 전용).",
          "Redis says 'replica', not 'slave'. If the selector does not match the replica pods' real labels all traffic is cut, so check the endpoints (a replica is read-only until promoted).",
        ),
      }),
    }),
    step("캐시 없이 동작하도록 설정", "Run without the cache", {
      command: kubectlSetEnv(
        "hhplus-app",
        "SPRING_CACHE_TYPE=none",
        t(
          "모든 조회가 DB로 가므로 커넥션 풀과 DB 부하를 지켜보세요.",
          "Every read then goes to the database: watch the connection pool and DB load.",
        ),
      ),
    }),
    step("DB 커넥션 풀 임시 확장", "Enlarge the DB connection pool temporarily", {
      group: t("성능 보완 대책", "Performance safeguards"),
    }),
    step("불필요한 조회 API 제한", "Limit non-essential read APIs", { group: t("성능 보완 대책", "Performance safeguards") }),
    step("CDN 캐시 TTL 증가", "Increase the CDN cache TTL", { group: t("성능 보완 대책", "Performance safeguards") }),
  ],
  rootCause: [
    added("Redis 로그와 종료 사유(OOM 종료, maxmemory) 확인", "Check the Redis logs and why it stopped (OOM kill, maxmemory)", {
      command: addedBash("kubectl describe pod -l app=redis | grep -A3 'Last State'"),
    }),
    added("캐시 장애가 DB 과부하로 번진 경로 확인", "Trace how the cache outage turned into database overload"),
  ],
  permanentFixes: [
    added("Sentinel 또는 클러스터로 자동 failover 구성", "Automatic failover with Sentinel or a cluster"),
    added("캐시 장애 시 폴백과 서킷 브레이커 적용", "A fallback and a circuit breaker for cache failures"),
  ],
  recovery: [],
};

export const REDIS_RUNBOOKS: readonly RunbookDef[] = [redisLockTimeout, redisCacheDown];
