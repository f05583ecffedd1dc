// Manual 2.1 "데드락 발생", 2.2 "커넥션 풀 고갈" and "슬로우 쿼리 급증".
import type { RunbookDef } from "../runbook-types";
import {
  ACTUATOR_HEALTH,
  added,
  addedBash,
  addedPromql,
  addedSql,
  kubectlRestart,
  kubectlSetEnv,
  manualBash,
  manualSql,
  step,
  t,
} from "./commands";

const KILL_QUERY = addedSql("KILL QUERY <id>;", {
  issue: "caution",
  note: t(
    "KILL QUERY는 실행 중인 문장만 멈추고 연결과 열린 트랜잭션은 남깁니다. 유휴 트랜잭션이 쥔 락은 KILL <id>(연결 종료, 롤백)로만 풀립니다.",
    "KILL QUERY stops the running statement only; the connection and its open transaction survive. Locks held by an idle transaction are released only by KILL <id> (closes the connection, rolls back).",
  ),
});

const dbDeadlock: RunbookDef = {
  slug: "db-deadlock",
  symptoms: [
    t("데이터베이스 트랜잭션 데드락 에러", "Transaction deadlock errors from the database"),
    t("특정 사용자 요청이 무한 대기", "Some user requests wait forever"),
    t('"Deadlock found when trying to get lock" 에러', '"Deadlock found when trying to get lock" errors'),
  ],
  diagnostics: [
    step("MySQL 데드락 로그 확인", "Read the latest deadlock report", {
      command: manualSql("SHOW ENGINE INNODB STATUS\\G", {
        issue: "caution",
        note: t(
          "서버 시작 이후 마지막 데드락 하나만 남습니다. 이력이 필요하면 innodb_print_all_deadlocks=ON으로 에러 로그에 남기세요.",
          "Only the latest deadlock since startup is kept; for a history set innodb_print_all_deadlocks=ON (written to the error log).",
        ),
      }),
      probeId: "mysql.deadlock",
    }),
    step("현재 실행 중인 트랜잭션 확인", "List the running transactions", {
      command: manualSql("SELECT * FROM information_schema.INNODB_TRX;"),
      probeId: "mysql.transactions",
    }),
    step("락 대기 상황 확인", "Check lock waits", {
      command: manualSql("SELECT * FROM information_schema.INNODB_LOCKS;", {
        corrected: "SELECT * FROM sys.innodb_lock_waits;",
        issue: "wrong",
        note: t(
          "INNODB_LOCKS는 MySQL 8.0에서 삭제되었습니다(ERROR 1109). sys.innodb_lock_waits 또는 performance_schema.data_lock_waits를 쓰세요(MariaDB는 information_schema.INNODB_LOCK_WAITS도 유지).",
          "INNODB_LOCKS was removed in MySQL 8.0 (ERROR 1109); use sys.innodb_lock_waits or performance_schema.data_lock_waits (MariaDB keeps information_schema.INNODB_LOCK_WAITS).",
        ),
      }),
      probeId: "mysql.lockWaits",
    }),
  ],
  respondTitle: t("즉시 대응", "Immediate response"),
  respond: [
    step("데드락 발생 트랜잭션 강제 종료", "Kill the transactions caught in the deadlock", {
      command: addedSql("KILL <blocking_pid>;", {
        issue: "caution",
        note: t(
          "InnoDB는 희생 트랜잭션을 이미 롤백했습니다. 남은 블로커의 pid는 sys.innodb_lock_waits의 blocking_pid이며, 유휴 세션은 KILL QUERY가 아니라 KILL로 끊어야 락이 풀립니다.",
          "InnoDB already rolled back the victim. The remaining blocker's pid is blocking_pid in sys.innodb_lock_waits; an idle session's locks are released by KILL, not by KILL QUERY.",
        ),
      }),
    }),
    step("해당 사용자 요청 재시도 안내", "Ask the affected users to retry"),
    step("모니터링 알람 확인", "Check the monitoring alerts"),
  ],
  rootCause: [
    added(
      "데드락 보고서에서 두 트랜잭션의 갱신 순서와 잠근 인덱스 비교",
      "Compare the two transactions' update order and locked indexes in the deadlock report",
    ),
    added("반복 여부를 보려면 모든 데드락을 로그에 남기기", "Log every deadlock to see whether it repeats", {
      command: addedSql("SET GLOBAL innodb_print_all_deadlocks = ON;"),
    }),
  ],
  permanentFixes: [
    added(
      "모든 트랜잭션이 같은 순서(예: 기본 키 오름차순)로 행을 갱신",
      "Update rows in one consistent order in every transaction (e.g. ascending primary key)",
    ),
    added("트랜잭션을 짧게 유지하고 1213 오류는 재시도", "Keep transactions short and retry on error 1213"),
    added("조건 컬럼에 인덱스를 두어 잠기는 행 수 줄이기", "Index the WHERE columns so fewer rows are locked"),
  ],
  recovery: [
    step("데이터 정합성 검증", "Verify data consistency"),
    step("실패한 거래 수동 처리", "Process the failed transactions by hand"),
    step("사용자 보상 정책 적용", "Apply the user compensation policy"),
  ],
};

const connectionPoolExhaustion: RunbookDef = {
  slug: "connection-pool-exhaustion",
  symptoms: [
    t('"Connection pool exhausted" 에러', '"Connection pool exhausted" errors'),
    t("모든 DB 의존 API 응답 불가", "Every database-dependent API stops answering"),
    t("애플리케이션 행 (Hang) 상태", "The application hangs"),
  ],
  diagnostics: [
    step("커넥션 풀 상태 확인", "Check the connection pool", {
      command: manualBash("curl http://localhost:8080/actuator/metrics/hikaricp.connections.active", {
        issue: "caution",
        note: t(
          "active만으로는 고갈을 판단할 수 없습니다: hikaricp.connections.max, .pending, .timeout과 함께 보세요.",
          "active alone does not show exhaustion: read it with hikaricp.connections.max, .pending and .timeout.",
        ),
      }),
      probeId: "actuator.hikari",
    }),
    step("DB 프로세스 리스트 확인", "Check the database process list", {
      command: manualBash('mysql -e "SHOW PROCESSLIST;"', {
        corrected: 'mysql -e "SHOW FULL PROCESSLIST;"',
        issue: "caution",
        note: t(
          "SHOW PROCESSLIST는 쿼리를 100자에서 자릅니다. FULL을 붙이면 전체 쿼리가 보입니다.",
          "SHOW PROCESSLIST cuts queries at 100 characters; FULL shows them whole.",
        ),
      }),
      probeId: "mysql.processlist",
    }),
    step("애플리케이션 스레드 덤프", "Take a thread dump of the application", {
      command: manualBash("jstack <pid> > thread_dump.txt", {
        issue: "caution",
        note: t(
          "쿠버네티스에서는 파드 안에서 실행합니다: kubectl exec <pod> -- jstack 1 > thread_dump.txt (이미지에 JDK 필요).",
          "On Kubernetes run it inside the pod: kubectl exec <pod> -- jstack 1 > thread_dump.txt (needs a JDK in the image).",
        ),
      }),
      probeId: null,
    }),
    added("애플리케이션 헬스 확인", "Check the application's health", { command: addedBash(ACTUATOR_HEALTH), probeId: "actuator.health" }),
    added(
      "열린 트랜잭션 확인 (커넥션 누수는 오래된 유휴 트랜잭션으로 보임)",
      "List open transactions (a leaked connection shows as a long idle transaction)",
      {
        command: addedSql("SELECT * FROM information_schema.INNODB_TRX;"),
        probeId: "mysql.transactions",
      },
    ),
    added("배포 상태 확인: 준비된 파드, 재시작, OOMKilled", "Check the deployment: ready pods, restarts, OOMKilled", {
      command: addedBash("kubectl get deployment hhplus-app\nkubectl get pods -l app=hhplus-app"),
      probeId: "kubernetes.deployment",
    }),
  ],
  respondTitle: t("응급 처치 (2분 이내)", "First aid (within 2 min)"),
  respondWithinMinutes: 2,
  respond: [
    step("애플리케이션 재시작", "Restart the application", { command: kubectlRestart("hhplus-app") }),
    step("커넥션 풀 크기 임시 증가", "Enlarge the connection pool temporarily", {
      command: kubectlSetEnv(
        "hhplus-app",
        "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=100",
        t(
          "DB의 max_connections가 인스턴스 수 × 100을 감당하는지 먼저 확인하세요.",
          "Check first that the database's max_connections can take instances × 100.",
        ),
      ),
    }),
  ],
  rootCause: [
    step("긴 실행 시간 쿼리 식별 및 종료", "Find and stop long-running queries", { command: KILL_QUERY }),
    step("커넥션 누수 발생 코드 점검", "Inspect the code for connection leaks"),
    step("DB 서버 리소스 확인", "Check the database server's resources"),
  ],
  permanentFixes: [
    added("HikariCP leakDetectionThreshold로 누수 조기 발견", "Catch leaks early with HikariCP leakDetectionThreshold"),
    added("트랜잭션 안에서 외부 호출 금지, 트랜잭션 짧게 유지", "No remote calls inside transactions; keep transactions short"),
    added(
      "풀 크기와 타임아웃을 DB max_connections와 인스턴스 수에 맞춰 설계",
      "Size the pool and its timeouts from the DB's max_connections and the instance count",
    ),
  ],
  recovery: [],
};

const slowQuerySurge: RunbookDef = {
  slug: "slow-query-surge",
  symptoms: [
    t("전체적인 응답 시간 증가", "Response times rise across the board"),
    t("특정 API 타임아웃 발생", "Some APIs time out"),
    t("DB CPU 사용률 급상승", "Database CPU usage spikes"),
  ],
  diagnostics: [
    step("슬로우 쿼리 로그 확인", "Read the slow query log", {
      command: manualSql("SELECT * FROM mysql.slow_log ORDER BY start_time DESC LIMIT 10;", {
        corrected:
          "SHOW VARIABLES WHERE Variable_name IN ('log_output', 'slow_query_log');\n" +
          "SELECT start_time, TIME_TO_SEC(query_time) AS query_s, rows_examined, CONVERT(sql_text USING utf8mb4) AS sql_text\n" +
          "FROM mysql.slow_log ORDER BY start_time DESC LIMIT 10;",
        issue: "caution",
        note: t(
          "mysql.slow_log은 log_output에 TABLE이 있고 slow_query_log=ON일 때만 채워집니다(기본은 FILE). 먼저 설정을 확인하세요.",
          "mysql.slow_log is only filled when log_output includes TABLE and slow_query_log=ON (the default is FILE); check the settings first.",
        ),
      }),
      probeId: "mysql.slowQueries",
    }),
    step("현재 실행 중인 쿼리 확인", "List the queries running now", {
      command: manualSql("SELECT * FROM information_schema.PROCESSLIST WHERE TIME > 5;", {
        corrected: "SELECT * FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' AND TIME > 5;",
        issue: "caution",
        note: t(
          "유휴(Sleep) 연결도 TIME이 커서 섞여 나옵니다. 멈출 때는 KILL QUERY <id>(문장만), KILL <id>는 연결 전체를 끊습니다.",
          "Idle (Sleep) connections have a large TIME too and clutter the list. To stop one, KILL QUERY <id> stops the statement; KILL <id> drops the whole connection.",
        ),
      }),
      probeId: "mysql.processlist",
    }),
    step("인덱스 사용률 확인", "Check index usage", {
      command: manualSql("SHOW INDEX FROM orders;\nEXPLAIN SELECT * FROM orders WHERE user_id = 1;", {
        issue: "caution",
        note: t(
          "두 문장은 따로 실행하세요: 한 번의 호출로 보내면 mysql2 같은 드라이버에서 ER_PARSE_ERROR(1064)가 납니다. EXPLAIN ANALYZE(MySQL)/ANALYZE(MariaDB)는 쿼리를 실제로 실행합니다.",
          "Run the two statements separately: sent in one call, drivers such as mysql2 fail with ER_PARSE_ERROR (1064). EXPLAIN ANALYZE (MySQL) / ANALYZE (MariaDB) really execute the query.",
        ),
      }),
      probeId: "mysql.indexCheck",
    }),
    added("p95 응답 시간 확인 (HighResponseTime 규칙: 1초 초과)", "Check the p95 response time (HighResponseTime rule: above 1 s)", {
      command: addedPromql("histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket[5m])))"),
      probeId: "prometheus.query",
    }),
  ],
  respondTitle: t("즉시 완화", "Immediate mitigation"),
  respond: [
    step("슬로우 쿼리 강제 종료", "Stop the slow queries", { command: KILL_QUERY }),
    step("해당 기능 임시 비활성화", "Disable the feature temporarily"),
    step("캐시 TTL 증가로 DB 부하 감소", "Raise cache TTLs to take load off the database"),
  ],
  rootCause: [
    added("상위 슬로우 쿼리의 실행 계획 확인 (type: ALL은 전체 스캔)", "EXPLAIN the top slow queries (type: ALL is a full scan)", {
      command: addedSql("EXPLAIN SELECT * FROM orders WHERE user_id = 1;"),
    }),
    added("최근 배포, 데이터 증가, 통계 변화 확인", "Check recent deploys, data growth and statistics changes"),
  ],
  permanentFixes: [
    step("누락된 인덱스 추가", "Add the missing indexes"),
    step("쿼리 최적화", "Optimise the queries"),
    step("파티셔닝 검토", "Consider partitioning"),
  ],
  recovery: [],
};

export const DATABASE_RUNBOOKS: readonly RunbookDef[] = [dbDeadlock, connectionPoolExhaustion, slowQuerySurge];
