import "server-only";
// Read-only probes for the slow-query scenario: the slow log (only when written to a table) and the
// indexes of one configured table.
import { oneLine } from "./innodb-status";
import { groupIndexes, indexVerdict, int, str } from "./mysql-analysis";
import { nameValue, openMysql } from "./mysql-connection";
import { defineProbe, errorOutcome, probeFamily } from "./runner";
import type { ProbeOutcome, Verdict } from "./types";

const TIMEOUT_MS = 5_000;
const mysqlProbe = probeFamily("mysql", TIMEOUT_MS);
export const TABLE_NAME = /^[A-Za-z0-9_]+$/;

export interface SlowQueryParams {
  /** count slow queries logged in this window (default 15 min) */
  windowMinutes?: number;
  warningCount?: number;
  criticalCount?: number;
}

export interface SlowLogSettings {
  logOutput: string;
  slowQueryLog: boolean;
  longQueryTime: number | null;
  slowQueryLogFile: string | null;
}

export function slowLogSettings(vars: Record<string, string>): SlowLogSettings {
  const on = (v: string | undefined) => v !== undefined && ["ON", "1"].includes(v.toUpperCase());
  return {
    logOutput: vars.log_output ?? "FILE",
    slowQueryLog: on(vars.slow_query_log ?? vars.log_slow_query),
    longQueryTime: vars.long_query_time === undefined ? null : Number(vars.long_query_time),
    slowQueryLogFile: vars.slow_query_log_file ?? null,
  };
}

/** When the slow log cannot be read from mysql.slow_log, say why and where it is instead. */
export function unreadableSlowLog(s: SlowLogSettings, slowQueriesCounter: number | null): ProbeOutcome | null {
  const counter = slowQueriesCounter === null ? "" : `; Slow_queries counter since start: ${slowQueriesCounter}`;
  const threshold = s.longQueryTime === null ? "" : `, long_query_time=${s.longQueryTime} s`;
  if (!s.slowQueryLog) {
    return {
      verdict: "warning",
      summary: `slow query log is off (slow_query_log=OFF${threshold}): nothing to read${counter}`,
      data: { settings: s, slowQueriesCounter, queries: [] },
    };
  }
  if (!s.logOutput.toUpperCase().split(",").includes("TABLE")) {
    return {
      verdict: "warning",
      summary: `slow log is not written to a table (log_output=${s.logOutput}${threshold}); read the file ${s.slowQueryLogFile ?? "on the server"}${counter}`,
      data: { settings: s, slowQueriesCounter, queries: [] },
    };
  }
  return null;
}

export function slowQueryVerdict(recent: number, p: Required<SlowQueryParams>): Verdict {
  if (recent >= p.criticalCount) return "critical";
  if (recent >= p.warningCount) return "warning";
  return "ok";
}

export const mysqlSlowQueries = defineProbe({
  ...mysqlProbe("mysql.slowQueries", { ko: "슬로우 쿼리 로그 (mysql.slow_log)", en: "Slow query log (mysql.slow_log)" }),
  async check(target, params: SlowQueryParams | undefined, ctx) {
    const p: Required<SlowQueryParams> = { windowMinutes: 15, warningCount: 5, criticalCount: 50, ...params };
    const db = openMysql(target, ctx);
    const vars = nameValue(
      await db.rows(
        "SHOW VARIABLES WHERE Variable_name IN ('log_output', 'slow_query_log', 'log_slow_query', 'long_query_time', 'slow_query_log_file')",
      ),
    );
    const counter = nameValue(await db.rows("SHOW GLOBAL STATUS LIKE 'Slow_queries'")).Slow_queries;
    const settings = slowLogSettings(vars);
    const slowQueriesCounter = counter === undefined ? null : Number(counter);
    const unreadable = unreadableSlowLog(settings, slowQueriesCounter);
    if (unreadable) return unreadable;

    const rows = await db.rows(
      `SELECT DATE_FORMAT(start_time, '%Y-%m-%d %H:%i:%s') AS start_time, user_host, TIME_TO_SEC(query_time) AS query_s,
              TIME_TO_SEC(lock_time) AS lock_s, rows_sent, rows_examined, db, CONVERT(sql_text USING utf8mb4) AS sql_text, thread_id
         FROM mysql.slow_log ORDER BY start_time DESC LIMIT 10`,
    );
    const [recentRow] = await db.rows("SELECT COUNT(*) AS n FROM mysql.slow_log WHERE start_time > NOW() - INTERVAL ? MINUTE", [
      p.windowMinutes,
    ]);
    const recent = int(recentRow?.n) ?? 0;
    const queries = rows.map((r) => ({
      startTime: str(r.start_time),
      userHost: str(r.user_host),
      querySeconds: Number(str(r.query_s) ?? 0),
      lockSeconds: Number(str(r.lock_s) ?? 0),
      rowsSent: int(r.rows_sent),
      rowsExamined: int(r.rows_examined),
      db: str(r.db),
      sql: str(r.sql_text) ?? "",
      threadId: int(r.thread_id),
    }));
    const slowest = queries.reduce<(typeof queries)[number] | null>((a, b) => (!a || b.querySeconds > a.querySeconds ? b : a), null);
    const worst = slowest ? `; slowest of the last 10: ${slowest.querySeconds.toFixed(2)} s "${oneLine(slowest.sql, 60)}"` : "";
    return {
      verdict: slowQueryVerdict(recent, p),
      summary: `${recent} slow quer${recent === 1 ? "y" : "ies"} in the last ${p.windowMinutes} min (long_query_time=${settings.longQueryTime ?? "?"} s)${worst}`,
      data: { settings, slowQueriesCounter, recentCount: recent, windowMinutes: p.windowMinutes, queries },
    };
  },
});

export interface IndexCheckParams {
  table?: string;
  /** columns some index should start with */
  columns?: string[];
}

export const mysqlIndexCheck = defineProbe({
  ...mysqlProbe("mysql.indexCheck", { ko: "인덱스 확인 (SHOW INDEX)", en: "Index check (SHOW INDEX)" }),
  async check(target, params: IndexCheckParams | undefined, ctx) {
    const table = params?.table ?? target.indexTable;
    const columns = params?.columns ?? target.indexColumns;
    // The name goes into the statement text (SHOW INDEX takes no placeholder): only plain identifiers.
    if (!TABLE_NAME.test(table)) return errorOutcome(`refused table name ${JSON.stringify(table)}: only letters, digits and _ are allowed`);
    const db = openMysql(target, ctx);
    const rows = await db.rows(`SHOW INDEX FROM \`${table}\``);
    const indexes = groupIndexes(rows);
    return { ...indexVerdict(table, indexes, columns), data: { table, expectedColumns: columns, indexes, rows } };
  },
});
