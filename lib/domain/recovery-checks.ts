// Recovery verification (manual section 4) as configured checks: HTTP requests against the shop and
// read-only SQL queries that must return no rows. The defaults are the manual's; admins can add more.
//
// isReadOnlySql is defence in depth, not the only guard: a SELECT can still call a stored function that
// writes, so the runner must also use a read-only database account inside a READ ONLY transaction with
// a statement timeout. The validator's job is to refuse anything that is not obviously one plain SELECT,
// and where SQL dialects disagree (comments, quotes, escapes) it refuses instead of guessing.
import { z } from "zod";
import type { LocalizedText } from "@/lib/domain/postmortem/template";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface HttpRecoveryCheck {
  id: string;
  kind: "http";
  title: LocalizedText;
  /** manual subsection (4.1 function, 4.2 performance), for grouping; absent on admin-defined checks */
  section?: string;
  method: "GET" | "POST";
  /** relative to the shop's base URL, which is server configuration (never part of a check) */
  path: string;
  body?: { [key: string]: JsonValue };
  expectStatus: number;
  expectBodyIncludes?: string;
}

export interface SqlRecoveryCheck {
  id: string;
  kind: "sql";
  title: LocalizedText;
  section?: string;
  /** one read-only SELECT (see isReadOnlySql); rows returned = inconsistencies found */
  query: string;
  expect: "no_rows";
}

export type RecoveryCheck = HttpRecoveryCheck | SqlRecoveryCheck;

// The smoke requests write to the shop (a 1,000-point charge and an order for user 1), exactly as the
// manual's 4.1 prescribes; they run only when a person starts the verification, never on a schedule.
export const DEFAULT_RECOVERY_CHECKS: readonly RecoveryCheck[] = [
  { id: "health", kind: "http", section: "4.1", title: { ko: "기본 헬스 체크", en: "Health check" }, method: "GET", path: "/actuator/health", expectStatus: 200, expectBodyIncludes: "UP" },
  {
    id: "points-charge",
    kind: "http",
    section: "4.1",
    title: { ko: "포인트 충전 기능 테스트", en: "Point charge smoke test" },
    method: "POST",
    path: "/points/charge",
    body: { userId: 1, amount: 1000 },
    expectStatus: 200,
  },
  {
    id: "order-and-pay",
    kind: "http",
    section: "4.1",
    title: { ko: "주문·결제 기능 테스트", en: "Order and pay smoke test" },
    method: "POST",
    path: "/orders/order-and-pay",
    body: { userId: 1, productId: 1, quantity: 1, amount: 10000 },
    expectStatus: 200,
  },
  { id: "metrics-http-requests", kind: "http", section: "4.2", title: { ko: "핵심 지표 확인: HTTP 요청", en: "Key metrics: HTTP requests" }, method: "GET", path: "/actuator/metrics/http.server.requests", expectStatus: 200, expectBodyIncludes: "measurements" },
  { id: "metrics-hikari-active", kind: "http", section: "4.2", title: { ko: "핵심 지표 확인: 활성 커넥션", en: "Key metrics: active DB connections" }, method: "GET", path: "/actuator/metrics/hikaricp.connections.active", expectStatus: 200, expectBodyIncludes: "measurements" },
  {
    id: "point-balance-consistency",
    kind: "sql",
    section: "4.3",
    title: { ko: "포인트 잔액 정합성 확인", en: "Point balance consistency" },
    // The manual writes HAVING calculated_balance < 0; MySQL and MariaDB accept the alias, but repeating
    // the aggregate is valid in every SQL dialect, so the check also runs against a stricter database.
    query: ["SELECT user_id, SUM(amount) AS calculated_balance", "FROM point_history", "GROUP BY user_id", "HAVING SUM(amount) < 0"].join("\n"),
    expect: "no_rows",
  },
  {
    id: "order-payment-consistency",
    kind: "sql",
    section: "4.3",
    title: { ko: "주문/결제 정합성 확인", en: "Completed orders have a payment" },
    query: ["SELECT o.id, o.total_amount, p.amount", "FROM orders o", "LEFT JOIN payments p ON o.id = p.order_id", "WHERE o.status = 'COMPLETED' AND p.amount IS NULL"].join("\n"),
    expect: "no_rows",
  },
];

// ---------------------------------------------------------------------------------------------------
// Read-only SQL validator (MySQL / MariaDB, and refusing what PostgreSQL would read differently).

export type ReadOnlySqlCheck = { ok: true } | { ok: false; reason: string };

export const SQL_QUERY_MAX = 5_000;

/** Statement, DDL, data and locking keywords; any of them outside a literal refuses the query. */
const FORBIDDEN_WORDS = new Set([
  "INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "UPSERT", "TRUNCATE", "LOAD", "CALL", "DO", "HANDLER", "SET",
  "CREATE", "ALTER", "DROP", "RENAME", "GRANT", "REVOKE", "LOCK", "UNLOCK", "INTO", "OUTFILE", "DUMPFILE", "PROCEDURE",
  "PREPARE", "EXECUTE", "EXEC", "DEALLOCATE", "COMMIT", "ROLLBACK", "SAVEPOINT", "XA", "KILL", "SHUTDOWN", "FLUSH",
  "RESET", "PURGE", "INSTALL", "UNINSTALL", "OPTIMIZE", "REPAIR", "ANALYZE", "IMPORT", "BINLOG",
]);
/** INSERT(str, pos, len, new) and REPLACE(str, from, to) are also string functions: allowed only as calls. */
const FUNCTION_FORM_ALLOWED = new Set(["INSERT", "REPLACE"]);
/** Functions with side effects (locks, waits, files, sequences, shell UDFs) even inside a SELECT. */
const FORBIDDEN_FUNCTIONS = new Set([
  "SLEEP", "BENCHMARK", "GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS", "LOAD_FILE", "NEXTVAL", "SETVAL",
  "MASTER_POS_WAIT", "SOURCE_POS_WAIT", "MASTER_GTID_WAIT", "WAIT_FOR_EXECUTED_GTID_SET",
  "WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS", "SYS_EXEC", "SYS_EVAL",
  // PostgreSQL equivalents, in case a check is pointed at one
  "PG_SLEEP", "PG_READ_FILE", "PG_READ_BINARY_FILE", "PG_LS_DIR", "LO_IMPORT", "LO_EXPORT", "DBLINK", "DBLINK_EXEC",
  "PG_TERMINATE_BACKEND", "PG_CANCEL_BACKEND", "SET_CONFIG", "PG_ADVISORY_LOCK", "PG_ADVISORY_XACT_LOCK",
]);

interface Token {
  kind: "word" | "symbol" | "literal";
  /** upper-cased for words */
  text: string;
}

const WORD_CHAR = /[A-Za-z0-9_$\u0080-\uFFFF]/;
// Unicode spaces, format characters (zero-width, bidi) and control characters other than tab/LF/CR can
// make a query read differently to a person, this tokenizer and the server: refused everywhere.
const SUSPICIOUS_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cf}\p{Zl}\p{Zp}]|[^\S\t\n\r ]/u;

type Tokenized = { ok: true; tokens: Token[] } | { ok: false; reason: string };

function tokenize(q: string): Tokenized {
  const tokens: Token[] = [];
  const fail = (reason: string): Tokenized => ({ ok: false, reason });
  let ended = false; // a `;` was seen: only whitespace may follow
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") { i += 1; continue; }
    if (ended) return fail("Only one statement is allowed: nothing may follow the `;`.");
    const next = q[i + 1] ?? "";
    if (c === "-" && next === "-") {
      // MySQL treats "--" as a comment only before whitespace; PostgreSQL always does. Refuse the difference.
      const after = q[i + 2];
      if (after !== undefined && !/[ \t\n\r]/.test(after)) return fail("`--` must be followed by a space to be a comment.");
      // Ends at the first CR or LF: PostgreSQL ends it at either, MySQL only at LF; the earlier end
      // scans more text as code, which can only refuse more.
      const eol = q.slice(i).search(/[\r\n]/);
      i = eol === -1 ? q.length : i + eol + 1;
      continue;
    }
    if (c === "#") return fail("`#` comments are not allowed; use `-- `.");
    if (c === "/" && next === "*") {
      const opener = q.slice(i + 2, i + 4);
      if (opener.startsWith("!") || opener.startsWith("+") || /^m!/i.test(opener)) {
        return fail("Executable comments (`/*!`, `/*M!`) and optimizer hints (`/*+`) are not allowed.");
      }
      const end = q.indexOf("*/", i + 2);
      if (end === -1) return fail("Unterminated `/*` comment.");
      // PostgreSQL nests block comments, MySQL does not: a nested opener would end them at different places.
      if (q.slice(i + 2, end).includes("/*")) return fail("Nested `/*` comments are not allowed.");
      i = end + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      for (;;) {
        if (j >= q.length) return fail(`Unterminated ${c === "`" ? "identifier" : "string"} starting at position ${i}.`);
        // Backslash escapes depend on sql_mode (NO_BACKSLASH_ESCAPES), so where a string ends would too.
        if (q[j] === "\\" && c !== "`") return fail("Backslashes in string literals are not allowed (their meaning depends on sql_mode).");
        if (q[j] === c) {
          if (q[j + 1] === c) { j += 2; continue; } // doubled quote = the quote character itself
          break;
        }
        j += 1;
      }
      tokens.push({ kind: "literal", text: q.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (c === ";") { ended = true; i += 1; continue; }
    if (c === "\\") return fail("Backslashes outside string literals are not allowed (client commands such as \\G).");
    if (WORD_CHAR.test(c)) {
      let j = i + 1;
      while (j < q.length && WORD_CHAR.test(q[j])) j += 1;
      tokens.push({ kind: "word", text: q.slice(i, j).toUpperCase() });
      i = j;
      continue;
    }
    tokens.push({ kind: "symbol", text: c });
    i += 1;
  }
  return { ok: true, tokens };
}

/** Accepts only a single SELECT (or WITH … SELECT) statement that cannot write, lock or wait. */
export function checkReadOnlySql(query: string): ReadOnlySqlCheck {
  if (query.length > SQL_QUERY_MAX) return { ok: false, reason: `The query is too long (at most ${SQL_QUERY_MAX} characters).` };
  if (SUSPICIOUS_CHAR.test(query)) return { ok: false, reason: "The query contains control, format or non-standard space characters." };
  const t = tokenize(query);
  if (!t.ok) return t;
  const tokens = t.tokens;
  const first = tokens[0];
  if (!first) return { ok: false, reason: "The query is empty." };
  if (first.kind !== "word" || (first.text !== "SELECT" && first.text !== "WITH")) {
    return { ok: false, reason: "The query must start with SELECT or WITH." };
  }
  if (first.text === "WITH" && !tokens.some((tk) => tk.kind === "word" && tk.text === "SELECT")) {
    return { ok: false, reason: "A WITH query must end in a SELECT." };
  }
  for (let k = 0; k < tokens.length; k += 1) {
    const tk = tokens[k];
    if (tk.kind !== "word") continue;
    const next = tokens[k + 1];
    if (FORBIDDEN_WORDS.has(tk.text)) {
      if (FUNCTION_FORM_ALLOWED.has(tk.text) && next?.kind === "symbol" && next.text === "(") continue;
      return { ok: false, reason: `\`${tk.text}\` is not allowed in a read-only check (quote it with backticks if it is a column name).` };
    }
    if (FORBIDDEN_FUNCTIONS.has(tk.text)) return { ok: false, reason: `\`${tk.text}\` has side effects and is not allowed in a read-only check.` };
    if (tk.text === "FOR" && next?.kind === "word" && next.text === "SHARE") return { ok: false, reason: "Locking reads (FOR SHARE) are not allowed." };
    if (tk.text === "NEXT" && next?.kind === "word" && next.text === "VALUE") return { ok: false, reason: "NEXT VALUE FOR advances a sequence and is not allowed." };
  }
  return { ok: true };
}

export function isReadOnlySql(query: string): boolean {
  return checkReadOnlySql(query).ok;
}

// ---------------------------------------------------------------------------------------------------
// Admin-defined checks.

const localizedTitle = z.strictObject({
  ko: z.string().trim().min(1, "Korean title is required.").max(200),
  en: z.string().trim().min(1, "English title is required.").max(200),
});
const checkId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "id must be lowercase letters, digits and dashes (at most 63), e.g. points-charge.");
// Only a path: the host is server configuration, so a check can never point the server elsewhere (SSRF).
// Refused: "//host" (protocol-relative), backslashes and whitespace (URL parsers turn them into "/"),
// and ".." segments that could climb out of a base path.
const checkPath = z
  .string()
  .max(500, "path is too long (at most 500 characters).")
  .regex(/^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/, 'path must start with a single "/" and use URL characters only, e.g. /actuator/health.')
  .refine((p) => !p.split(/[/?]/).includes(".."), 'path must not contain ".." segments.');

export const httpRecoveryCheckInput = z
  .strictObject({
    id: checkId,
    kind: z.literal("http"),
    title: localizedTitle,
    method: z.enum(["GET", "POST"], { error: "method must be GET or POST." }),
    path: checkPath,
    body: z.record(z.string(), z.json()).optional(),
    expectStatus: z.number().int().min(100, "expectStatus must be an HTTP status (100-599).").max(599, "expectStatus must be an HTTP status (100-599)."),
    expectBodyIncludes: z.string().min(1).max(500).optional(),
  })
  .refine((c) => c.method === "POST" || c.body === undefined, { message: "A GET check cannot have a body.", path: ["body"] });

export const sqlRecoveryCheckInput = z.strictObject({
  id: checkId,
  kind: z.literal("sql"),
  title: localizedTitle,
  query: z.string().superRefine((query, ctx) => {
    const check = checkReadOnlySql(query);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
  }),
  expect: z.literal("no_rows", { error: 'expect must be "no_rows": a consistency query lists the rows that are wrong.' }),
});

export const recoveryCheckInput = z.discriminatedUnion("kind", [httpRecoveryCheckInput, sqlRecoveryCheckInput]);
export type RecoveryCheckInput = z.infer<typeof recoveryCheckInput>;
