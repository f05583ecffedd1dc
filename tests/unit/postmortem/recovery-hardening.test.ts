// Issue 11: what a SQL check may call (an allow-list), recovery-check paths judged after percent-decoding,
// the grant analysis that refuses over-privileged accounts, and who sees raw results.
import { describe, expect, it } from "vitest";
import { checkRecoveryPath, decodePathFully, recoveryCheckInput } from "@/lib/domain/recovery-checks";
import { checkReadOnlySql } from "@/lib/domain/read-only-sql";
import { ALLOWED_FUNCTIONS } from "@/lib/domain/read-only-sql-words";
import {
  accountRefusalText,
  groupProblems,
  pgAccountProblems,
  readOnlyAccountSql,
  type PgAccountFacts,
} from "@/lib/domain/recovery-account";
import { grantDbMatches, mysqlAccountProblems, parseMysqlGrant } from "@/lib/domain/mysql-grants";
import { mayReadRawResults, resultKind, verdictOnly } from "@/lib/domain/recovery-results";
import { ROLES } from "@/lib/domain/roles";
import { itAcceptsEach } from "../support/accepts";

describe("SQL checks call only allow-listed built-in functions", () => {
  itAcceptsEach("accepts %s", checkReadOnlySql, [
    "SELECT COUNT(*), SUM(amount), COALESCE(MAX(amount), 0) FROM point_history",
    "SELECT user_id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY id) AS n FROM point_history",
    "SELECT DATE_ADD(created_at, INTERVAL 1 DAY), EXTRACT(YEAR FROM created_at) FROM orders",
    "SELECT CAST(total_amount AS DECIMAL(10, 2)) FROM orders",
    "SELECT COUNT(*) FILTER (WHERE status = 'COMPLETED') FROM orders",
    "SELECT DISTINCT ON (user_id) user_id, amount FROM point_history ORDER BY user_id, id DESC",
    "SELECT id::text, created_at::date FROM orders",
    "WITH RECURSIVE n (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT x FROM n",
    "WITH a (id) AS (SELECT 1), b (id, v) AS (SELECT 2, 3) SELECT * FROM a JOIN b USING (id)",
    "SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id)",
    "SELECT a$b FROM t",
  ]);

  it.each([
    // named locks, waits, files, sequences: each was a deny-list entry or slipped past one
    ["GET_LOCK", "SELECT GET_LOCK('point:1', 10)"],
    ["IS_FREE_LOCK (unlisted before)", "SELECT IS_FREE_LOCK('point:1')"],
    ["LOAD_FILE with a comment before (", "SELECT LOAD_FILE/**/('/etc/passwd')"],
    ["LOAD_FILE as a backtick name (the old filter accepted it)", "SELECT `load_file`('/etc/passwd')"],
    ["pg_read_file as a quoted name", "SELECT \"pg_read_file\"('/etc/passwd')"],
    ["query_to_xml runs a query from a string (the old filter accepted it)", "SELECT query_to_xml('select 1', true, false, '')"],
    ["pg_try_advisory_lock (the old filter accepted it)", "SELECT pg_try_advisory_lock(1)"],
    ["pg_advisory_lock_shared (the old filter accepted it)", "SELECT pg_advisory_lock_shared(1)"],
    ["pg_stat_file (the old filter accepted it)", "SELECT pg_stat_file('/etc/passwd')"],
    ["pg_ls_logdir (the old filter accepted it)", "SELECT * FROM pg_ls_logdir()"],
    ["set_config changes a setting", "SELECT set_config('statement_timeout', '0', false)"],
    ["pg_reload_conf", "SELECT pg_reload_conf()"],
    ["lo_import reads a file", "SELECT lo_import('/etc/passwd')"],
    ["a stored function", "SELECT shop_fix_balance(1)"],
    ["a schema-qualified stored function", "SELECT shop.fix_balance(1)"],
    ["a schema-qualified built-in", "SELECT pg_catalog.pg_sleep(1)"],
    ["a sequence attribute", "SELECT order_seq.nextval FROM dual"],
    ["FOR KEY SHARE", "SELECT * FROM orders FOR KEY SHARE"],
    ["dollar-quoted string hiding a call from the tokenizer", "SELECT $$'$$ AS a, pg_read_file('/etc/passwd') AS b, $$'$$"],
    ["a positional parameter", "SELECT * FROM orders WHERE id = $1"],
    ["a call after the CTE list", "WITH x (a) AS (SELECT 1) SELECT GET_LOCK('a', 1) AS (b)"],
    ["a call shaped like a CTE column list in the select list", "SELECT a, GET_LOCK('x', 1) AS (b) FROM t"],
  ])("refuses %s", (_name, q) => {
    const verdict = checkReadOnlySql(q);
    expect(verdict.ok).toBe(false);
  });

  it("names the function and what is allowed", () => {
    expect(checkReadOnlySql("SELECT IS_USED_LOCK('x')")).toEqual({
      ok: false,
      reason:
        "`IS_USED_LOCK` is not an allowed function: a read-only check may call only built-in functions such as COUNT, SUM, COALESCE, CONCAT, DATE_ADD or EXTRACT.",
    });
    expect(checkReadOnlySql("SELECT `sleep`(1)")).toMatchObject({ reason: expect.stringContaining("quoted name") });
    expect(checkReadOnlySql("SELECT x.f(1)")).toMatchObject({ reason: expect.stringContaining("schema-qualified") });
  });

  it("has no function with side effects in the allow-list", () => {
    for (const name of [
      "SLEEP",
      "BENCHMARK",
      "GET_LOCK",
      "RELEASE_LOCK",
      "LOAD_FILE",
      "NEXTVAL",
      "SETVAL",
      "PG_SLEEP",
      "PG_READ_FILE",
      "QUERY_TO_XML",
      "DBLINK",
      "SET_CONFIG",
      "PG_ADVISORY_LOCK",
      "LO_IMPORT",
      "SYS_EXEC",
    ]) {
      expect(ALLOWED_FUNCTIONS.has(name), name).toBe(false);
    }
  });

  it("a SQL check names its database: MariaDB/MySQL by default, or PostgreSQL", () => {
    const sql = { id: "neg", kind: "sql", title: { ko: "음수", en: "Negative" }, query: "SELECT 1", expect: "no_rows" };
    expect(recoveryCheckInput.safeParse(sql).success).toBe(true);
    expect(recoveryCheckInput.safeParse({ ...sql, database: "postgresql" }).success).toBe(true);
    const bad = recoveryCheckInput.safeParse({ ...sql, database: "oracle" });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]).toMatchObject({ path: ["database"], message: expect.stringContaining('"postgresql"') });
  });
});

describe("recovery-check paths are judged after percent-decoding until stable", () => {
  it("decodes repeatedly and stops at a fixed point", () => {
    expect(decodePathFully("/a/%252e%252e/b")).toBe("/a/../b");
    expect(decodePathFully("/a/%25252E%25252E/b")).toBe("/a/../b");
    expect(decodePathFully("/actuator/health")).toBe("/actuator/health");
    expect(decodePathFully("/a%zz")).toBeNull();
    expect(decodePathFully("/%c0%ae%c0%ae/")).toBeNull(); // overlong UTF-8 for "."
  });

  it.each([
    ["%2e%2e", "/api/%2e%2e/admin"],
    ["upper-case %2E%2E", "/api/%2E%2E/admin"],
    ["mixed case and half-encoded", "/api/.%2E/admin"],
    ["half-encoded the other way", "/api/%2e./admin"],
    ["double-encoded %252e", "/api/%252e%252e/admin"],
    ["triple-encoded", "/api/%25252e%25252e/admin"],
    ["at the end", "/api/%2e%2e"],
    ["single-dot segment", "/api/%2e/admin"],
    ["Tomcat path parameter", "/api/..;x=1/admin"],
    ["encoded Tomcat path parameter", "/api/%2e%2e;/admin"],
    ["encoded backslash", "/api/%5c..%5cadmin"],
    ["lower-case encoded backslash", "/api%5cadmin"],
    ["double-encoded backslash", "/api/%255c"],
    ["literal backslash", "/api\\..\\admin"],
    ["encoded slash making //host", "/%2fevil.example/x"],
    ["double-encoded slash making //host", "/%252Fevil.example/x"],
    ["encoded NUL", "/actuator/health%00.json"],
    ["encoded line break", "/actuator/health%0d%0aX-Injected:%201"],
    ["encoded space in the path", "/actuator/%20health"],
    ["malformed escape", "/actuator/%zz"],
    ["invalid UTF-8", "/actuator/%ff"],
  ])("refuses %s", (_name, path) => {
    expect(checkRecoveryPath(path).ok).toBe(false);
    const parsed = recoveryCheckInput.safeParse({
      id: "p",
      kind: "http",
      title: { ko: "경로", en: "Path" },
      method: "GET",
      path,
      expectStatus: 200,
    });
    expect(parsed.success).toBe(false);
  });

  itAcceptsEach("accepts %s", checkRecoveryPath, [
    "/actuator/health",
    "/actuator/metrics/http.server.requests",
    "/search?q=a%20b",
    "/files/a%2Fb",
    "/v1/items?after=..",
    "/a.b/c..d/.well-known",
  ]);

  it("says why, naming the encoded form", () => {
    expect(checkRecoveryPath("/api/%2e%2e/admin")).toEqual({
      ok: false,
      reason: 'path must not contain "." or ".." segments, also not percent-encoded (%2e%2e).',
    });
  });
});

describe("the SQL-check account: MariaDB/MySQL grants", () => {
  const ro = [
    "GRANT USAGE ON *.* TO `ic_checks`@`%` IDENTIFIED BY PASSWORD '*D821809F681A40A6E379B50D0463EFAE20BDD122'",
    "GRANT SELECT ON `shop`.* TO `ic_checks`@`%`",
  ];

  it("a SELECT-only account on the shop's database passes", () => {
    expect(mysqlAccountProblems(ro)).toEqual([]);
    expect(
      mysqlAccountProblems([
        ...ro,
        "GRANT SELECT (`id`, `status`), SHOW VIEW ON `shop`.`orders` TO `ic_checks`@`%`",
        "GRANT SELECT ON `shop\\_2`.* TO `ic_checks`@`%`",
      ]),
    ).toEqual([]);
  });

  it("root is refused for every reason, and the message says what and how to fix it", () => {
    const root = [
      "GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` IDENTIFIED VIA unix_socket OR mysql_native_password WITH GRANT OPTION",
      "GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION",
    ];
    const problems = mysqlAccountProblems(root);
    expect(groupProblems(problems).map((g) => g.kind)).toEqual(["write", "files", "settings", "credentials"]);
    expect(problems).toContainEqual({ kind: "files", detail: "ALL PRIVILEGES ON *.*" });
    expect(problems).toContainEqual({ kind: "credentials", detail: "PROXY (can act as another account)" });
    const text = accountRefusalText({ dialect: "mysql", user: "root@localhost", problems }, "127.0.0.1:3306/shop");
    expect(text).toContain("Refused to run SQL checks as root@localhost on 127.0.0.1:3306/shop");
    expect(text).toContain("can read or write files on the database host (ALL PRIVILEGES ON *.*)");
    expect(text).toContain("Set RECOVERY_MYSQL_URL to a dedicated account with SELECT only");
  });

  it.each([
    ["SELECT on every database reads mysql.user", "GRANT SELECT ON *.* TO `u`@`%`", "credentials", "SELECT ON *.*"],
    ["SELECT on mysql.user", "GRANT SELECT ON `mysql`.`user` TO `u`@`%`", "credentials", "SELECT ON `mysql`.`user`"],
    ["a database pattern matching mysql", "GRANT SELECT ON `%`.* TO `u`@`%`", "credentials", "SELECT ON `%`.*"],
    ["a pattern with _ matching mysql", "GRANT SELECT ON `m_sql`.* TO `u`@`%`", "credentials", "SELECT ON `m_sql`.*"],
    ["FILE", "GRANT FILE ON *.* TO `u`@`%`", "files", "FILE ON *.*"],
    ["INSERT on the shop", "GRANT SELECT, INSERT ON `shop`.* TO `u`@`%`", "write", "INSERT ON `shop`.*"],
    ["EXECUTE (stored routines)", "GRANT EXECUTE ON `shop`.* TO `u`@`%`", "write", "EXECUTE ON `shop`.*"],
    ["EXECUTE on one function", "GRANT EXECUTE ON FUNCTION `shop`.`fix` TO `u`@`%`", "write", "EXECUTE ON FUNCTION `shop`.`fix`"],
    ["temporary tables", "GRANT CREATE TEMPORARY TABLES ON `shop`.* TO `u`@`%`", "write", "CREATE TEMPORARY TABLES ON `shop`.*"],
    ["ALL on the shop", "GRANT ALL PRIVILEGES ON `shop`.* TO `u`@`%`", "write", "ALL PRIVILEGES ON `shop`.*"],
    ["SUPER", "GRANT SUPER ON *.* TO `u`@`%`", "settings", "SUPER ON *.*"],
    ["MySQL 8 SYSTEM_VARIABLES_ADMIN", "GRANT SYSTEM_VARIABLES_ADMIN ON *.* TO `u`@`%`", "settings", "SYSTEM_VARIABLES_ADMIN ON *.*"],
    ["MariaDB CONNECTION ADMIN", "GRANT CONNECTION ADMIN ON *.* TO `u`@`%`", "settings", "CONNECTION ADMIN ON *.*"],
    ["CREATE USER", "GRANT CREATE USER ON *.* TO `u`@`%`", "credentials", "CREATE USER ON *.*"],
    ["grant option", "GRANT SELECT ON `shop`.* TO `u`@`%` WITH GRANT OPTION", "credentials", "GRANT OPTION ON `shop`.*"],
    ["PROCESS (others' statements)", "GRANT PROCESS ON *.* TO `u`@`%`", "other", "PROCESS ON *.*"],
  ])("refuses %s", (_name, line, kind, detail) => {
    expect(mysqlAccountProblems([...ro, line])).toContainEqual({ kind, detail });
  });

  it("reads role grants (MariaDB and MySQL 8 forms) so the caller can inspect the roles too", () => {
    expect(parseMysqlGrant("GRANT `checks_role` TO `ic_checks`@`%`")).toEqual({
      type: "roles",
      roles: [{ name: "checks_role", host: null }],
    });
    expect(parseMysqlGrant("GRANT `r1`@`%`,`r2`@`%` TO `u`@`%`")).toEqual({
      type: "roles",
      roles: [
        { name: "r1", host: "%" },
        { name: "r2", host: "%" },
      ],
    });
    expect(parseMysqlGrant("SET DEFAULT ROLE `checks_role` FOR `ic_checks`@`%`")).toEqual({ type: "ignored" });
    expect(mysqlAccountProblems(["REVOKE INSERT ON mysql.* FROM u"])).toEqual([
      { kind: "other", detail: "unreadable grant: REVOKE INSERT ON mysql.* FROM u" },
    ]);
  });

  it("matches grant database patterns like the server", () => {
    expect(grantDbMatches("%", "mysql")).toBe(true);
    expect(grantDbMatches("my\\_ql", "mysql")).toBe(false);
    expect(grantDbMatches("shop", "mysql")).toBe(false);
    expect(grantDbMatches("MYSQL", "mysql")).toBe(true);
  });
});

describe("the SQL-check account: PostgreSQL", () => {
  const ro: PgAccountFacts = {
    user: "ic_checks",
    superuser: false,
    createRole: false,
    createDb: false,
    replication: false,
    bypassRls: false,
    memberOf: [],
    databaseCreate: false,
    schemasWithCreate: [],
    writableTables: [],
    executableFunctions: [],
    credentialTables: [],
  };

  it("a SELECT-only role passes; each risky fact is named in its kind", () => {
    expect(pgAccountProblems(ro)).toEqual([]);
    expect(groupProblems(pgAccountProblems({ ...ro, superuser: true })).map((g) => g.kind)).toEqual([
      "write",
      "files",
      "settings",
      "credentials",
    ]);
    expect(pgAccountProblems({ ...ro, memberOf: ["pg_read_server_files", "pg_signal_backend", "pg_write_all_data"] })).toEqual([
      { kind: "files", detail: "member of pg_read_server_files" },
      { kind: "settings", detail: "member of pg_signal_backend" },
      { kind: "write", detail: "member of pg_write_all_data" },
    ]);
    expect(pgAccountProblems({ ...ro, writableTables: ["public.orders"], schemasWithCreate: ["public"] })).toEqual([
      { kind: "write", detail: "CREATE ON SCHEMA public" },
      { kind: "write", detail: "INSERT/UPDATE/DELETE/TRUNCATE ON public.orders" },
    ]);
    expect(
      pgAccountProblems({
        ...ro,
        executableFunctions: ["pg_read_file(text)", "pg_reload_conf()"],
        credentialTables: ["pg_catalog.pg_authid"],
      }),
    ).toEqual([
      { kind: "files", detail: "EXECUTE ON FUNCTION pg_read_file(text)" },
      { kind: "settings", detail: "EXECUTE ON FUNCTION pg_reload_conf()" },
      { kind: "credentials", detail: "SELECT ON pg_catalog.pg_authid" },
    ]);
  });

  it("the fix is the README's GRANT lines with the shop's database", () => {
    expect(readOnlyAccountSql("postgresql", "shop")).toBe(
      [
        "CREATE ROLE ic_checks LOGIN PASSWORD '<a long random password>';",
        "GRANT CONNECT ON DATABASE shop TO ic_checks;",
        "GRANT USAGE ON SCHEMA public TO ic_checks;",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO ic_checks;",
      ].join("\n"),
    );
    expect(readOnlyAccountSql("mysql", "orders_db")).toBe(
      "CREATE USER 'ic_checks'@'%' IDENTIFIED BY '<a long random password>';\nGRANT SELECT ON orders_db.* TO 'ic_checks'@'%';",
    );
    expect(readOnlyAccountSql("mysql", "x'; DROP")).toContain("GRANT SELECT ON shop.*");
  });
});

describe("raw results only for the roles that may run checks", () => {
  it("admin, commander and responder read raw rows; manager and viewer get the verdict", () => {
    expect(ROLES.filter(mayReadRawResults)).toEqual(["admin", "commander", "responder"]);
  });

  it("a SQL result keeps only the count of inconsistent rows; an HTTP result loses its body", () => {
    const sql = {
      ok: false,
      summary: '1 inconsistent row, e.g. {"user_id":3,"calculated_balance":"-700"}',
      data: { kind: "sql", rowCount: 1, rows: [{ user_id: 3, calculated_balance: "-700" }] },
    };
    expect(verdictOnly(sql)).toEqual({ summary: "1 inconsistent row", data: null, redacted: true, kind: "sql", rowCount: 1 });
    expect(verdictOnly(sql, "ko").summary).toBe("불일치 행 1개");
    const error = {
      ok: false,
      summary: "MariaDB/MySQL at db:3306/shop Truncated incorrect DOUBLE value: 'secret'",
      data: { kind: "sql", error: "…secret…" },
    };
    expect(verdictOnly(error).summary).not.toContain("secret");
    const http = {
      ok: false,
      summary: "Expected HTTP 200, got 503 (12 ms)",
      data: { kind: "http", target: "GET x/actuator/health", status: 503, bodySnippet: '{"token":"s3cret"}' },
    };
    expect(verdictOnly(http)).toEqual({ summary: "Expected HTTP 200, got 503 (12 ms)", data: null, redacted: true, kind: "http" });
    // results stored before `kind` was recorded
    expect(resultKind({ target: "GET http://x/actuator/health", status: 200 })).toBe("http");
    expect(resultKind({ target: "db:3306/shop", rowCount: 0, rows: [] })).toBe("sql");
  });
});
