import "server-only";
// Runs one recovery check against the configured shop: an HTTP request to ACTUATOR_URL + path, or one
// read-only SQL query against MYSQL_URL. Every check is bounded by a timeout and returns a result
// instead of throwing, so one dead dependency never hides the others' results.
//
// SQL checks are read-only three times over: the validator (checkReadOnlySql) runs again here, the
// query runs inside START TRANSACTION READ ONLY which is rolled back, and the session has a statement
// timeout. Operators should still point MYSQL_URL at an account with SELECT privileges only.
import mysql from "mysql2";
import type { RowDataPacket } from "mysql2/promise";
import { checkReadOnlySql, type HttpRecoveryCheck, type RecoveryCheck, type SqlRecoveryCheck } from "@/lib/domain/recovery-checks";
import { describeHttp, describeMysql, type RecoveryConfig } from "./recovery-config";

export interface CheckOutcome {
  ok: boolean;
  /** one line a person reads, e.g. "200 in 12 ms, body contains UP" */
  summary: string;
  data: Record<string, unknown>;
  durationMs: number;
}

const BODY_LIMIT = 64 * 1024;
const ROWS_KEPT = 20;

function errorText(error: unknown): string {
  let current: unknown = error;
  // fetch wraps the socket error in `cause`; the innermost one says what actually happened
  for (let i = 0; i < 4 && current instanceof Error && current.cause instanceof Error; i++) current = current.cause;
  const e = current instanceof Error ? (current as Error & { code?: unknown }) : null;
  const code = e && typeof e.code === "string" ? e.code : undefined;
  const known: Record<string, string> = {
    ECONNREFUSED: "refused the connection",
    ECONNRESET: "reset the connection",
    ENOTFOUND: "host not found",
    ETIMEDOUT: "did not answer in time",
    EHOSTUNREACH: "is unreachable",
    ER_ACCESS_DENIED_ERROR: "denied access",
    ER_BAD_DB_ERROR: "has no such database",
  };
  if (code && known[code]) return known[code];
  return (e?.message ?? String(error)).split("\n")[0].slice(0, 300);
}

async function readLimited(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < BODY_LIMIT) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString("utf8");
}

/** fetch refuses URLs with credentials: user:password in ACTUATOR_URL become a Basic header instead. */
function splitCredentials(base: string): { base: string; headers: Record<string, string> } {
  const url = new URL(base);
  if (!url.username && !url.password) return { base, headers: {} };
  const auth = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64");
  url.username = "";
  url.password = "";
  return { base: url.toString().replace(/\/+$/, ""), headers: { authorization: `Basic ${auth}` } };
}

export async function runHttpCheck(check: HttpRecoveryCheck, config: RecoveryConfig): Promise<CheckOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = `${check.method} ${describeHttp(config.actuatorUrl)}${check.path}`;
  try {
    const { base, headers } = splitCredentials(config.actuatorUrl);
    const hasBody = check.method === "POST" && check.body !== undefined;
    const res = await fetch(`${base}${check.path}`, {
      method: check.method,
      headers: { accept: "application/json, text/plain;q=0.9, */*;q=0.1", ...headers, ...(hasBody ? { "content-type": "application/json" } : {}) },
      body: hasBody ? JSON.stringify(check.body) : undefined,
      // A redirect could lead the server somewhere the admin never configured: reported, not followed.
      redirect: "manual",
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const body = await readLimited(res);
    const durationMs = elapsed();
    const statusOk = res.status === check.expectStatus;
    const bodyOk = check.expectBodyIncludes === undefined || body.includes(check.expectBodyIncludes);
    const data = { target, status: res.status, bodySnippet: body.slice(0, 500) };
    if (!statusOk) return { ok: false, summary: `Expected HTTP ${check.expectStatus}, got ${res.status} (${durationMs} ms)`, data, durationMs };
    if (!bodyOk) return { ok: false, summary: `HTTP ${res.status}, but the body does not contain "${check.expectBodyIncludes}" (${durationMs} ms)`, data, durationMs };
    const contains = check.expectBodyIncludes ? `, body contains "${check.expectBodyIncludes}"` : "";
    return { ok: true, summary: `HTTP ${res.status} in ${durationMs} ms${contains}`, data, durationMs };
  } catch (error) {
    const durationMs = elapsed();
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    const summary = timedOut ? `No answer within ${config.timeoutMs} ms from ${describeHttp(config.actuatorUrl)}` : `${describeHttp(config.actuatorUrl)} ${errorText(error)}`;
    return { ok: false, summary, data: { target, error: summary }, durationMs };
  }
}

export async function runSqlCheck(check: SqlRecoveryCheck, config: RecoveryConfig): Promise<CheckOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = describeMysql(config.mysqlUrl);
  const verdict = checkReadOnlySql(check.query);
  if (!verdict.ok) return { ok: false, summary: `Refused, not sent to the database: ${verdict.reason}`, data: { target }, durationMs: 0 };

  const conn = mysql.createConnection({
    uri: config.mysqlUrl,
    connectTimeout: config.timeoutMs,
    multipleStatements: false,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  conn.on("error", () => undefined); // errors also reach the pending query; an unhandled 'error' event would crash
  const db = conn.promise();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // The whole check (connect, setup, query) has one bound; past it the socket is destroyed.
    timer = setTimeout(() => reject(new Error(`No answer within ${config.timeoutMs * 2} ms`)), config.timeoutMs * 2);
  });
  try {
    const work = readOnlyQuery(db, check.query, config.timeoutMs);
    work.catch(() => undefined); // after a timeout the destroyed socket rejects it: already answered
    const rows = await Promise.race([deadline, work]);
    const durationMs = elapsed();
    const data = { target, rowCount: rows.length, rows: rows.slice(0, ROWS_KEPT) };
    if (rows.length === 0) return { ok: true, summary: `No inconsistent rows (${durationMs} ms)`, data, durationMs };
    const example = JSON.stringify(rows[0]).slice(0, 160);
    return { ok: false, summary: `${rows.length} inconsistent row${rows.length === 1 ? "" : "s"}, e.g. ${example}`, data, durationMs };
  } catch (error) {
    const summary = `MySQL at ${target} ${errorText(error)}`;
    return { ok: false, summary, data: { target, error: summary }, durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
    conn.destroy();
  }
}

async function readOnlyQuery(db: ReturnType<mysql.Connection["promise"]>, query: string, timeoutMs: number): Promise<Record<string, unknown>[]> {
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
}

export function runCheck(check: RecoveryCheck, config: RecoveryConfig): Promise<CheckOutcome> {
  return check.kind === "http" ? runHttpCheck(check, config) : runSqlCheck(check, config);
}
