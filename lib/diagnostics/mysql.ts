import "server-only";
// Read-only MySQL/MariaDB probes: latest deadlock, open transactions, lock waits, long-running queries.
import { parseLatestDeadlock, summariseDeadlock } from "./innodb-status";
import {
  formatAge,
  hasInformationSchemaLockWaits,
  int,
  lockWaitsVerdict,
  processlistVerdict,
  secondsBetween,
  str,
  transactionsVerdict,
  type LockWaitInfo,
  type ProcessInfo,
  type Row,
  type TransactionInfo,
} from "./mysql-analysis";
import { nameValue, openMysql } from "./mysql-connection";
import { defineProbe, probeFamily } from "./runner";

const TIMEOUT_MS = 5_000;
const mysqlProbe = probeFamily("mysql", TIMEOUT_MS);

export const mysqlDeadlock = defineProbe({
  ...mysqlProbe("mysql.deadlock", { ko: "최근 데드락 (SHOW ENGINE INNODB STATUS)", en: "Latest deadlock (SHOW ENGINE INNODB STATUS)" }),
  async check(target, params: { recentMinutes?: number } | undefined, ctx) {
    const db = openMysql(target, ctx);
    const [status] = await db.rows("SHOW ENGINE INNODB STATUS");
    const [now] = await db.rows("SELECT DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s') AS now");
    const counter = nameValue(await db.rows("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")).Innodb_deadlocks;
    const report = parseLatestDeadlock(str(status?.Status) ?? "");
    const deadlocksSinceStart = counter === undefined ? null : Number(counter);
    if (!report) {
      return { verdict: "ok", summary: "no deadlock since the server started", data: { report: null, deadlocksSinceStart } };
    }
    const nowText = str(now?.now);
    const ageSeconds = report.detectedAt && nowText ? secondsBetween(report.detectedAt, nowText) : null;
    const recentMinutes = params?.recentMinutes ?? 60;
    const recent = ageSeconds === null || ageSeconds <= recentMinutes * 60;
    const age = ageSeconds === null ? "" : ` (${formatAge(ageSeconds)} ago)`;
    const count = deadlocksSinceStart === null ? "" : `; ${deadlocksSinceStart} since start`;
    return {
      verdict: recent ? "warning" : "ok",
      summary: `${summariseDeadlock(report)}${age}${count}`,
      data: { report, ageSeconds, deadlocksSinceStart },
    };
  },
});

function toTransaction(r: Row): TransactionInfo {
  const query = str(r.trx_query);
  const command = str(r.command);
  return {
    trxId: str(r.trx_id) ?? "?",
    state: str(r.trx_state) ?? "?",
    startedAt: str(r.trx_started),
    ageSeconds: int(r.age_seconds) ?? 0,
    threadId: int(r.trx_mysql_thread_id),
    query,
    rowsLocked: int(r.trx_rows_locked),
    rowsModified: int(r.trx_rows_modified),
    waitStartedAt: str(r.trx_wait_started),
    command,
    user: str(r.user),
    host: str(r.host),
    idleInTransaction: query === null && (command === "Sleep" || command === "Killed"),
  };
}

export const mysqlTransactions = defineProbe({
  ...mysqlProbe("mysql.transactions", { ko: "실행 중인 트랜잭션 (INNODB_TRX)", en: "Running transactions (INNODB_TRX)" }),
  async check(target, params: { longSeconds?: number } | undefined, ctx) {
    const db = openMysql(target, ctx);
    const rows = await db.rows(
      `SELECT t.trx_id, t.trx_state, t.trx_started, TIMESTAMPDIFF(SECOND, t.trx_started, NOW()) AS age_seconds,
              t.trx_mysql_thread_id, t.trx_query, t.trx_rows_locked, t.trx_rows_modified, t.trx_wait_started,
              p.COMMAND AS command, p.USER AS user, p.HOST AS host
         FROM information_schema.INNODB_TRX t
         LEFT JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
        WHERE t.trx_mysql_thread_id <> CONNECTION_ID()
        ORDER BY t.trx_started ASC
        LIMIT 100`,
    );
    const list = rows.map(toTransaction);
    const longSeconds = params?.longSeconds ?? target.longTransactionSeconds;
    return { ...transactionsVerdict(list, longSeconds), data: { transactions: list, longSeconds } };
  },
});

const MARIADB_LOCK_WAITS = `
SELECT TIMESTAMPDIFF(SECOND, r.trx_wait_started, NOW()) AS wait_age_secs,
       l.lock_table AS locked_table, l.lock_index AS locked_index, l.lock_mode AS waiting_lock_mode,
       r.trx_id AS waiting_trx_id, r.trx_mysql_thread_id AS waiting_pid, r.trx_query AS waiting_query,
       b.trx_id AS blocking_trx_id, b.trx_mysql_thread_id AS blocking_pid, b.trx_query AS blocking_query,
       p.COMMAND AS blocking_command
  FROM information_schema.INNODB_LOCK_WAITS w
  JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id
  JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
  LEFT JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id
  LEFT JOIN information_schema.PROCESSLIST p ON p.ID = b.trx_mysql_thread_id
 ORDER BY wait_age_secs DESC
 LIMIT 100`;

const MYSQL8_LOCK_WAITS = `
SELECT w.wait_age_secs, w.locked_table, w.locked_index, w.waiting_lock_mode,
       w.waiting_trx_id, w.waiting_pid, w.waiting_query,
       w.blocking_trx_id, w.blocking_pid, w.blocking_query, p.COMMAND AS blocking_command
  FROM sys.innodb_lock_waits w
  LEFT JOIN information_schema.PROCESSLIST p ON p.ID = w.blocking_pid
 ORDER BY w.wait_age_secs DESC
 LIMIT 100`;

function toLockWait(r: Row): LockWaitInfo {
  const blockingPid = int(r.blocking_pid);
  return {
    waitAgeSeconds: int(r.wait_age_secs),
    lockedTable: str(r.locked_table),
    lockedIndex: str(r.locked_index),
    lockMode: str(r.waiting_lock_mode),
    waitingTrxId: str(r.waiting_trx_id),
    waitingPid: int(r.waiting_pid),
    waitingQuery: str(r.waiting_query),
    blockingTrxId: str(r.blocking_trx_id),
    blockingPid,
    blockingQuery: str(r.blocking_query),
    blockingCommand: str(r.blocking_command),
    suggestedKill: blockingPid === null ? null : `KILL ${blockingPid}`,
  };
}

export interface LockWaitParams {
  /** default: information_schema on MariaDB and MySQL 5.7, sys.innodb_lock_waits on MySQL 8 (MariaDB 10.6+ has both) */
  source?: "information_schema" | "sys";
}

export const mysqlLockWaits = defineProbe({
  ...mysqlProbe("mysql.lockWaits", {
    ko: "락 대기 (INNODB_LOCK_WAITS / sys.innodb_lock_waits)",
    en: "Lock waits (INNODB_LOCK_WAITS / sys.innodb_lock_waits)",
  }),
  async check(target, params: LockWaitParams | undefined, ctx) {
    const db = openMysql(target, ctx);
    const flavour = await db.flavour();
    const useSys = params?.source ? params.source === "sys" : !hasInformationSchemaLockWaits(flavour);
    const source = useSys ? "sys.innodb_lock_waits" : "information_schema.INNODB_LOCK_WAITS";
    const waits = (await db.rows(useSys ? MYSQL8_LOCK_WAITS : MARIADB_LOCK_WAITS)).map(toLockWait);
    return { ...lockWaitsVerdict(waits), data: { waits, source, server: flavour.version } };
  },
});

const IGNORED_COMMANDS = ["Sleep", "Daemon", "Binlog Dump", "Binlog Dump GTID"];

export const mysqlProcesslist = defineProbe({
  ...mysqlProbe("mysql.processlist", { ko: "오래 실행 중인 쿼리 (PROCESSLIST)", en: "Long-running queries (PROCESSLIST)" }),
  async check(target, params: { thresholdSeconds?: number } | undefined, ctx) {
    const threshold = params?.thresholdSeconds ?? target.longQuerySeconds;
    const db = openMysql(target, ctx);
    const rows = await db.rows(
      `SELECT ID, USER, HOST, DB, COMMAND, TIME, STATE, INFO
         FROM information_schema.PROCESSLIST
        WHERE COMMAND NOT IN (?, ?, ?, ?)
          AND USER NOT IN ('system user', 'event_scheduler')
          AND ID <> CONNECTION_ID()
          AND TIME >= ?
        ORDER BY TIME DESC
        LIMIT 50`,
      [...IGNORED_COMMANDS, threshold],
    );
    const [counts] = await db.rows(
      "SELECT COUNT(*) AS total, COALESCE(SUM(COMMAND = 'Sleep'), 0) AS sleeping, @@max_connections AS max_connections FROM information_schema.PROCESSLIST",
    );
    const long: ProcessInfo[] = rows.map((r) => ({
      id: int(r.ID) ?? 0,
      user: str(r.USER),
      host: str(r.HOST),
      db: str(r.DB),
      command: str(r.COMMAND),
      timeSeconds: int(r.TIME) ?? 0,
      state: str(r.STATE),
      info: str(r.INFO),
    }));
    const connections = {
      total: int(counts?.total) ?? 0,
      sleeping: int(counts?.sleeping) ?? 0,
      maxConnections: int(counts?.max_connections),
    };
    return { ...processlistVerdict(long, threshold, connections), data: { queries: long, thresholdSeconds: threshold, connections } };
  },
});
