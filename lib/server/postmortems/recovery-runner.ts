import "server-only";
// Runs one recovery check against the configured shop: an HTTP request to ACTUATOR_URL + path, or one
// read-only SQL query against RECOVERY_MYSQL_URL / RECOVERY_PG_URL. Every check is bounded by a timeout
// and returns a result instead of throwing, so one dead dependency never hides the others' results.
//
// SQL checks are read-only four times over: the validator (checkReadOnlySql, an allow-list of functions)
// runs again here; the account's grants are inspected on the session and a write/file/settings/credential
// privilege refuses the check before the query is sent; the query runs inside a READ ONLY transaction
// that is rolled back; and the session has a server-side statement timeout (recovery-sql.ts).
import { checkReadOnlySql } from "@/lib/domain/read-only-sql";
import { checkRecoveryPath, type HttpRecoveryCheck, type RecoveryCheck, type SqlRecoveryCheck } from "@/lib/domain/recovery-checks";
import { accountRefusalText, ACCOUNT_URL_ENV, readOnlyAccountSql } from "@/lib/domain/recovery-account";
import { databaseName, describeHttp, describeSql, sqlUrlFor, type RecoveryConfig } from "./recovery-config";
import { runInReadOnlySession, connectionErrorText } from "./recovery-sql";

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
  return connectionErrorText(current);
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
  const path = checkRecoveryPath(check.path);
  if (!path.ok) return { ok: false, summary: `Refused, not sent: ${path.reason}`, data: { kind: "http", target }, durationMs: 0 };
  try {
    const { base, headers } = splitCredentials(config.actuatorUrl);
    const hasBody = check.method === "POST" && check.body !== undefined;
    // The URL parser resolves dot segments (also %2e%2e): the request must stay under the configured base.
    const url = new URL(`${base}${check.path}`);
    const baseUrl = new URL(base);
    if (url.origin !== baseUrl.origin || !url.pathname.startsWith(baseUrl.pathname.replace(/\/?$/, "/").replace(/^\/\/$/, "/"))) {
      return {
        ok: false,
        summary: `Refused, not sent: ${check.path} leaves ${describeHttp(config.actuatorUrl)}`,
        data: { kind: "http", target },
        durationMs: 0,
      };
    }
    const res = await fetch(url, {
      method: check.method,
      headers: {
        accept: "application/json, text/plain;q=0.9, */*;q=0.1",
        ...headers,
        ...(hasBody ? { "content-type": "application/json" } : {}),
      },
      body: hasBody ? JSON.stringify(check.body) : undefined,
      // A redirect could lead the server somewhere the admin never configured: reported, not followed.
      redirect: "manual",
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const body = await readLimited(res);
    const durationMs = elapsed();
    const statusOk = res.status === check.expectStatus;
    const bodyOk = check.expectBodyIncludes === undefined || body.includes(check.expectBodyIncludes);
    const data = { kind: "http", target, status: res.status, bodySnippet: body.slice(0, 500) };
    if (!statusOk)
      return { ok: false, summary: `Expected HTTP ${check.expectStatus}, got ${res.status} (${durationMs} ms)`, data, durationMs };
    if (!bodyOk)
      return {
        ok: false,
        summary: `HTTP ${res.status}, but the body does not contain "${check.expectBodyIncludes}" (${durationMs} ms)`,
        data,
        durationMs,
      };
    const contains = check.expectBodyIncludes ? `, body contains "${check.expectBodyIncludes}"` : "";
    return { ok: true, summary: `HTTP ${res.status} in ${durationMs} ms${contains}`, data, durationMs };
  } catch (error) {
    const durationMs = elapsed();
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    const summary = timedOut
      ? `No answer within ${config.timeoutMs} ms from ${describeHttp(config.actuatorUrl)}`
      : `${describeHttp(config.actuatorUrl)} ${errorText(error)}`;
    return { ok: false, summary, data: { kind: "http", target, error: summary }, durationMs };
  }
}

export async function runSqlCheck(check: SqlRecoveryCheck, config: RecoveryConfig): Promise<CheckOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const database = check.database ?? "mysql";
  const url = sqlUrlFor(config, database);
  const env = ACCOUNT_URL_ENV[database];
  const product = database === "mysql" ? "MariaDB/MySQL" : "PostgreSQL";
  const verdict = checkReadOnlySql(check.query);
  if (!verdict.ok)
    return { ok: false, summary: `Refused, not sent to the database: ${verdict.reason}`, data: { kind: "sql", database }, durationMs: 0 };
  if (url === null) {
    const summary = `Not configured: set ${env} to a read-only ${product} account (README, "Read-only account for recovery checks").`;
    return { ok: false, summary, data: { kind: "sql", database, notConfigured: env }, durationMs: 0 };
  }
  const target = describeSql(url);
  try {
    const result = await runInReadOnlySession(database, url, check.query, config.timeoutMs);
    const durationMs = elapsed();
    if ("refused" in result) {
      const fix = readOnlyAccountSql(database, databaseName(url));
      return {
        ok: false,
        summary: accountRefusalText(result.refused, target),
        data: { kind: "sql", database, target, account: result.refused, fix },
        durationMs,
      };
    }
    const rows = result.rows;
    const data = { kind: "sql", database, target, rowCount: rows.length, rows: rows.slice(0, ROWS_KEPT) };
    if (rows.length === 0) return { ok: true, summary: `No inconsistent rows (${durationMs} ms)`, data, durationMs };
    const example = JSON.stringify(rows[0]).slice(0, 160);
    return { ok: false, summary: `${rows.length} inconsistent row${rows.length === 1 ? "" : "s"}, e.g. ${example}`, data, durationMs };
  } catch (error) {
    const summary = `${product} at ${target} ${connectionErrorText(error)}`;
    return { ok: false, summary, data: { kind: "sql", database, target, error: summary }, durationMs: elapsed() };
  }
}

export function runCheck(check: RecoveryCheck, config: RecoveryConfig): Promise<CheckOutcome> {
  return check.kind === "http" ? runHttpCheck(check, config) : runSqlCheck(check, config);
}
