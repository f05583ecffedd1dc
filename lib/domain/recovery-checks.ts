// Recovery verification (manual section 4) as configured checks: HTTP requests against the shop and
// read-only SQL queries that must return no rows. The defaults are the manual's; admins can add more.
//
// SQL checks pass the read-only validator (lib/domain/read-only-sql.ts) when they are defined, and run as a
// dedicated account whose grants the app inspects (lib/domain/recovery-account.ts) inside a READ ONLY
// transaction with a statement timeout.
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import type { LocalizedText } from "@/lib/domain/postmortem/template";
import { checkReadOnlySql } from "./read-only-sql";

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

/** Where a SQL check runs: server configuration names the URL (RECOVERY_MYSQL_URL / RECOVERY_PG_URL). */
export const SQL_DATABASES = ["mysql", "postgresql"] as const;
export type SqlDatabase = (typeof SQL_DATABASES)[number];

export interface SqlRecoveryCheck {
  id: string;
  kind: "sql";
  title: LocalizedText;
  section?: string;
  /** MariaDB/MySQL when absent (the manual's shop), or PostgreSQL */
  database?: SqlDatabase;
  /** one read-only SELECT (see lib/domain/read-only-sql.ts); rows returned = inconsistencies found */
  query: string;
  expect: "no_rows";
}

export type RecoveryCheck = HttpRecoveryCheck | SqlRecoveryCheck;

// The smoke requests write to the shop (a 1,000-point charge and an order for user 1), exactly as the
// manual's 4.1 prescribes; they run only when a person starts the verification, never on a schedule.
export const DEFAULT_RECOVERY_CHECKS: readonly RecoveryCheck[] = [
  {
    id: "health",
    kind: "http",
    section: "4.1",
    title: { ko: "기본 헬스 체크", en: "Health check" },
    method: "GET",
    path: "/actuator/health",
    expectStatus: 200,
    expectBodyIncludes: "UP",
  },
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
  {
    id: "metrics-http-requests",
    kind: "http",
    section: "4.2",
    title: { ko: "핵심 지표 확인: HTTP 요청", en: "Key metrics: HTTP requests" },
    method: "GET",
    path: "/actuator/metrics/http.server.requests",
    expectStatus: 200,
    expectBodyIncludes: "measurements",
  },
  {
    id: "metrics-hikari-active",
    kind: "http",
    section: "4.2",
    title: { ko: "핵심 지표 확인: 활성 커넥션", en: "Key metrics: active DB connections" },
    method: "GET",
    path: "/actuator/metrics/hikaricp.connections.active",
    expectStatus: 200,
    expectBodyIncludes: "measurements",
  },
  {
    id: "point-balance-consistency",
    kind: "sql",
    section: "4.3",
    title: { ko: "포인트 잔액 정합성 확인", en: "Point balance consistency" },
    // The manual writes HAVING calculated_balance < 0; MySQL and MariaDB accept the alias, but repeating
    // the aggregate is valid in every SQL dialect, so the check also runs against a stricter database.
    query: ["SELECT user_id, SUM(amount) AS calculated_balance", "FROM point_history", "GROUP BY user_id", "HAVING SUM(amount) < 0"].join(
      "\n",
    ),
    expect: "no_rows",
  },
  {
    id: "order-payment-consistency",
    kind: "sql",
    section: "4.3",
    title: { ko: "주문/결제 정합성 확인", en: "Completed orders have a payment" },
    query: [
      "SELECT o.id, o.total_amount, p.amount",
      "FROM orders o",
      "LEFT JOIN payments p ON o.id = p.order_id",
      "WHERE o.status = 'COMPLETED' AND p.amount IS NULL",
    ].join("\n"),
    expect: "no_rows",
  },
];

// ---------------------------------------------------------------------------------------------------
// Admin-defined checks.

const localizedTitle = z.strictObject({
  ko: safeString().trim().min(1, "Korean title is required.").max(200),
  en: safeString().trim().min(1, "English title is required.").max(200),
});
const checkId = safeString().regex(
  /^[a-z0-9][a-z0-9-]{0,62}$/,
  "id must be lowercase letters, digits and dashes (at most 63), e.g. points-charge.",
);
/**
 * A path percent-decoded until it no longer changes (at most 10 rounds), so `%2e%2e`, `%252e%252e` and
 * `.%2E` are judged as the `..` a server or URL parser will eventually see. Null when an escape is
 * malformed (`%zz`, or bytes that are not UTF-8), or when it would not settle.
 */
export function decodePathFully(path: string): string | null {
  let current = path;
  for (let round = 0; round < 10; round += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (decoded === current) return current;
    current = decoded;
  }
  return null;
}

export type CheckPathVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Only a path: the host is server configuration, so a check can never point the server elsewhere (SSRF).
 * Checked on the path as written and again on its fully decoded form: "//host" (protocol-relative),
 * backslashes, control characters and whitespace (URL parsers drop or turn them into "/"), and ".."
 * (or ".") segments that could climb out of a base path — however they are percent-encoded.
 */
export function checkRecoveryPath(path: string): CheckPathVerdict {
  if (path.length > 500) return { ok: false, reason: "path is too long (at most 500 characters)." };
  if (!/^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/.test(path)) {
    return { ok: false, reason: 'path must start with a single "/" and use URL characters only, e.g. /actuator/health.' };
  }
  const decoded = decodePathFully(path);
  if (decoded === null) return { ok: false, reason: "path has a malformed percent-encoding (e.g. %zz, or bytes that are not UTF-8)." };
  if (/[\\]/.test(decoded)) return { ok: false, reason: "path must not contain a backslash, also not percent-encoded (%5C)." };
  // eslint-disable-next-line no-control-regex -- matching control characters is the point of this check
  if (/[\u0000-\u0020\u007f-\u009f]/.test(decoded.split("?")[0]) || /[\u0000-\u001f\u007f-\u009f]/.test(decoded)) {
    return { ok: false, reason: "path must not contain control characters or spaces, also not percent-encoded." };
  }
  if (decoded.startsWith("//")) return { ok: false, reason: 'path must not start with "//", also not percent-encoded (%2F).' };
  const pathPart = decoded.split(/[?#]/)[0];
  // Tomcat (the shop is Spring Boot) reads "/..;x/" as "/../": a segment's ";parameters" do not count.
  if (pathPart.split("/").some((segment) => [".", ".."].includes(segment.split(";")[0]))) {
    return { ok: false, reason: 'path must not contain "." or ".." segments, also not percent-encoded (%2e%2e).' };
  }
  return { ok: true };
}

const checkPath = safeString().superRefine((path, ctx) => {
  const verdict = checkRecoveryPath(path);
  if (!verdict.ok) ctx.addIssue({ code: "custom", message: verdict.reason });
});

export const httpRecoveryCheckInput = z
  .strictObject({
    id: checkId,
    kind: z.literal("http"),
    title: localizedTitle,
    method: z.enum(["GET", "POST"], { error: "method must be GET or POST." }),
    path: checkPath,
    body: z.record(safeString(), z.json()).optional(),
    expectStatus: z
      .number()
      .int()
      .min(100, "expectStatus must be an HTTP status (100-599).")
      .max(599, "expectStatus must be an HTTP status (100-599)."),
    expectBodyIncludes: safeString().min(1).max(500).optional(),
  })
  .refine((c) => c.method === "POST" || c.body === undefined, { message: "A GET check cannot have a body.", path: ["body"] });

export const sqlRecoveryCheckInput = z.strictObject({
  id: checkId,
  kind: z.literal("sql"),
  title: localizedTitle,
  database: z.enum(SQL_DATABASES, { error: 'database must be "mysql" (MariaDB/MySQL) or "postgresql".' }).optional(),
  query: safeString().superRefine((query, ctx) => {
    const check = checkReadOnlySql(query);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
  }),
  expect: z.literal("no_rows", { error: 'expect must be "no_rows": a consistency query lists the rows that are wrong.' }),
});

export const recoveryCheckInput = z.discriminatedUnion("kind", [httpRecoveryCheckInput, sqlRecoveryCheckInput]);
export type RecoveryCheckInput = z.infer<typeof recoveryCheckInput>;
