import "server-only";
// One SQL-check session against MariaDB/MySQL or PostgreSQL: connect as the configured account, inspect
// its grants on that same session and refuse when it is more than read-only, then run one statement in
// a READ ONLY transaction with a server-side statement timeout, roll back and close. The connection is
// never reused, so anything session-scoped a statement might take (a named or advisory lock, a session
// variable) ends with it. The read-only SQL validator is not applied here: runSqlCheck does that first.
import mysql from "mysql2";
import type { RowDataPacket } from "mysql2/promise";
import pg from "pg";
import type { AccountVerdict, SqlDialect } from "@/lib/domain/recovery-account";
import { inspectMysqlAccount, inspectPgAccount } from "./recovery-account";

export type SqlRows = Record<string, unknown>[];
export type SessionResult = { refused: AccountVerdict } | { rows: SqlRows; account: AccountVerdict };

interface Session {
  inspect(): Promise<AccountVerdict>;
  readOnly(query: string): Promise<SqlRows>;
  close(): void;
}

function mysqlSession(url: string, timeoutMs: number): Session {
  const conn = mysql.createConnection({
    uri: url,
    connectTimeout: timeoutMs,
    multipleStatements: false,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  conn.on("error", () => undefined); // errors also reach the pending query; an unhandled 'error' event would crash
  const db = conn.promise();
  return {
    inspect: () => inspectMysqlAccount(db),
    async readOnly(query) {
      const [[row]] = await db.query<RowDataPacket[]>("SELECT VERSION() AS version");
      const isMariaDb = /mariadb/i.test(String(row?.version ?? ""));
      // Server-side bound, so a slow query stops on the server too (MariaDB: seconds, MySQL: milliseconds).
      if (isMariaDb) await db.query(`SET SESSION max_statement_time = ${(timeoutMs / 1000).toFixed(3)}`);
      else await db.query(`SET SESSION MAX_EXECUTION_TIME = ${Math.round(timeoutMs)}`);
      await db.query("START TRANSACTION READ ONLY");
      try {
        const [rows] = await db.query<RowDataPacket[]>({ sql: query, timeout: timeoutMs });
        return rows.map((r) => ({ ...r }));
      } finally {
        await db.query("ROLLBACK").catch(() => undefined);
      }
    },
    close: () => conn.destroy(),
  };
}

function pgSession(url: string, timeoutMs: number): Session {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    lock_timeout: timeoutMs,
    idle_in_transaction_session_timeout: timeoutMs * 2,
    application_name: "incident-command recovery check",
  });
  client.on("error", () => undefined);
  let connected: Promise<unknown> | null = null;
  const ready = () => (connected ??= client.connect());
  return {
    async inspect() {
      await ready();
      return inspectPgAccount(client);
    },
    async readOnly(query) {
      await ready();
      await client.query("BEGIN TRANSACTION READ ONLY");
      try {
        // The extended protocol takes exactly one statement, whatever the text says.
        const result = await client.query({ text: query, queryMode: "extended" } as pg.QueryConfig);
        return result.rows.map((r: Record<string, unknown>) => ({ ...r }));
      } finally {
        await client.query("ROLLBACK").catch(() => undefined);
      }
    },
    close: () => void client.end().catch(() => undefined),
  };
}

/**
 * Inspects the account and, only when it is read-only, runs `query`; bounded as a whole by twice the
 * timeout (connect, inspection, statement), past which the session is dropped. Throws on database errors.
 */
export async function runInReadOnlySession(
  dialect: SqlDialect,
  url: string,
  query: string | null,
  timeoutMs: number,
): Promise<SessionResult> {
  const session = dialect === "mysql" ? mysqlSession(url, timeoutMs) : pgSession(url, timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${timeoutMs * 2} ms`)), timeoutMs * 2);
  });
  const work = (async (): Promise<SessionResult> => {
    const account = await session.inspect();
    if (account.problems.length > 0) return { refused: account };
    return { rows: query === null ? [] : await session.readOnly(query), account };
  })();
  work.catch(() => undefined); // after a timeout the dropped session rejects it: already answered
  try {
    return await Promise.race([deadline, work]);
  } finally {
    clearTimeout(timer);
    session.close();
  }
}

/** Settings and start-up: who the account is and whether SQL checks may run as it (no query is run). */
export async function inspectSqlAccount(
  dialect: SqlDialect,
  url: string,
  timeoutMs: number,
): Promise<{ ok: true; verdict: AccountVerdict } | { ok: false; error: string }> {
  try {
    const result = await runInReadOnlySession(dialect, url, null, timeoutMs);
    return { ok: true, verdict: "refused" in result ? result.refused : result.account };
  } catch (error) {
    return { ok: false, error: connectionErrorText(error) };
  }
}

/** A connection or driver error in a few words: the known socket and database codes named, else the first line. */
export function connectionErrorText(error: unknown): string {
  const e = error instanceof Error ? (error as Error & { code?: unknown }) : null;
  const code = e && typeof e.code === "string" ? e.code : undefined;
  const known: Record<string, string> = {
    ECONNREFUSED: "refused the connection",
    ECONNRESET: "reset the connection",
    ENOTFOUND: "host not found",
    ETIMEDOUT: "did not answer in time",
    EHOSTUNREACH: "is unreachable",
    ER_ACCESS_DENIED_ERROR: "denied access",
    ER_BAD_DB_ERROR: "has no such database",
    "28P01": "denied access (password authentication failed)",
    "3D000": "has no such database",
  };
  if (code && known[code]) return known[code];
  return (e?.message ?? String(error)).split("\n")[0].slice(0, 300);
}
