import { describe, expect, it } from "vitest";
import { DEFAULT_RECOVERY_CHECKS, recoveryCheckInput } from "@/lib/domain/recovery-checks";
import { checkReadOnlySql, isReadOnlySql } from "@/lib/domain/read-only-sql";
import { itAcceptsEach } from "../support/accepts";

describe("default recovery checks (manual section 4)", () => {
  const byId = Object.fromEntries(DEFAULT_RECOVERY_CHECKS.map((c) => [c.id, c]));

  it("has the health check, the two smoke requests and the two consistency queries", () => {
    expect(byId.health).toMatchObject({
      kind: "http",
      method: "GET",
      path: "/actuator/health",
      expectStatus: 200,
      expectBodyIncludes: "UP",
    });
    expect(byId["points-charge"]).toMatchObject({
      kind: "http",
      method: "POST",
      path: "/points/charge",
      body: { userId: 1, amount: 1000 },
    });
    expect(byId["order-and-pay"]).toMatchObject({
      kind: "http",
      method: "POST",
      path: "/orders/order-and-pay",
      body: { userId: 1, productId: 1, quantity: 1, amount: 10000 },
    });
    expect(byId["point-balance-consistency"]).toMatchObject({ kind: "sql", expect: "no_rows" });
    expect(byId["order-payment-consistency"]).toMatchObject({ kind: "sql", expect: "no_rows" });
  });

  it("repeats the aggregate in HAVING instead of the manual's alias, so it is valid in any dialect", () => {
    const q = byId["point-balance-consistency"];
    expect(q.kind === "sql" && q.query).toContain("HAVING SUM(amount) < 0");
    const o = byId["order-payment-consistency"];
    expect(o.kind === "sql" && o.query).toContain("WHERE o.status = 'COMPLETED' AND p.amount IS NULL");
  });

  it("every default passes its own admin schema (SQL is read-only, ids unique)", () => {
    for (const check of DEFAULT_RECOVERY_CHECKS) {
      const { section: _section, ...input } = check;
      const r = recoveryCheckInput.safeParse(input);
      expect(r.success, `${check.id}: ${r.success ? "" : r.error.message}`).toBe(true);
    }
    expect(new Set(DEFAULT_RECOVERY_CHECKS.map((c) => c.id)).size).toBe(DEFAULT_RECOVERY_CHECKS.length);
  });
});

describe("isReadOnlySql accepts plain reads", () => {
  itAcceptsEach("%s", checkReadOnlySql, [
    "SELECT 1",
    "select user_id from point_history",
    "SELECT 1;",
    "SELECT 1;  \n",
    "WITH neg AS (SELECT user_id, SUM(amount) s FROM point_history GROUP BY user_id) SELECT * FROM neg WHERE s < 0",
    "WITH RECURSIVE n AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT x FROM n",
    "SELECT 'DELETE FROM users; DROP TABLE x' AS s",
    'SELECT "update" FROM t',
    "SELECT `delete`, `order` FROM `orders`",
    "SELECT 'it''s' AS s",
    "-- 포인트 잔액 정합성 확인\nSELECT user_id FROM point_history",
    "SELECT /* a plain comment with DELETE inside */ 1",
    "SELECT REPLACE(name, 'a', 'b'), INSERT(name, 1, 2, 'x') FROM products",
    "SELECT updated_at, deleted_at, created_by FROM orders",
    "SELECT * FROM orders WHERE status = 'COMPLETED' ORDER BY id DESC LIMIT 10",
    "SELECT SUBSTRING(name FROM 1 FOR 3) FROM products",
    "SELECT o.id FROM orders o LEFT JOIN payments p ON o.id = p.order_id WHERE p.order_id IS NULL",
    "SELECT '사용자' AS 구분, COUNT(*) FROM users",
  ]);
});

describe("isReadOnlySql refuses writes, locks and bypass attempts", () => {
  it.each([
    ["empty", ""],
    ["only a semicolon", " ; "],
    ["only a comment", "-- nothing"],
    ["not a select", "DELETE FROM point_history"],
    ["show", "SHOW PROCESSLIST"],
    ["explain", "EXPLAIN SELECT 1"],
    ["parenthesised start", "(SELECT 1)"],
    ["chained statement", "SELECT 1; DELETE FROM users"],
    ["chained statement without spaces", "SELECT 1;DROP TABLE users"],
    ["two semicolons", "SELECT 1;;"],
    ["comment after the semicolon", "SELECT 1; -- done"],
    ["writing CTE (MySQL 8)", "WITH x AS (SELECT 1) DELETE FROM users"],
    ["update CTE", "WITH x AS (SELECT id FROM t) UPDATE t SET a = 1"],
    ["WITH without select", "WITH x AS (VALUES (1)) TABLE x"],
    ["into outfile", "SELECT * FROM users INTO OUTFILE '/tmp/u.csv'"],
    ["into dumpfile", "SELECT 0x3c3f INTO DUMPFILE '/var/www/x.php'"],
    ["into variable", "SELECT 1 INTO @a"],
    ["for update", "SELECT * FROM orders FOR UPDATE"],
    ["for update lowercase", "select * from orders for update skip locked"],
    ["for share", "SELECT * FROM orders FOR SHARE"],
    ["lock in share mode", "SELECT * FROM orders LOCK IN SHARE MODE"],
    ["sleep", "SELECT SLEEP(100)"],
    ["benchmark", "SELECT BENCHMARK(100000000, MD5('x'))"],
    ["get_lock", "SELECT GET_LOCK('point:1', 10)"],
    ["load_file", "SELECT LOAD_FILE('/etc/passwd')"],
    ["sequence nextval", "SELECT NEXTVAL(order_seq)"],
    ["next value for", "SELECT NEXT VALUE FOR order_seq"],
    ["pg_sleep", "SELECT pg_sleep(10)"],
    ["procedure analyse", "SELECT * FROM t PROCEDURE ANALYSE()"],
    ["replace statement form inside", "SELECT 1 FROM t WHERE 1 = 1 REPLACE INTO t VALUES (1)"],
    ["set keyword", "SELECT 1 FROM t WHERE @a := 1 SET @b = 2"],
    ["executable comment", "SELECT 1 /*!50000 ; DROP TABLE users */"],
    ["executable comment hiding a keyword", "SELECT /*!DELETE*/ 1"],
    ["MariaDB executable comment", "SELECT 1 /*M! ; DROP TABLE users */"],
    ["MariaDB executable comment lowercase", "SELECT 1 /*m!100000 UPDATE t SET a=1 */"],
    ["optimizer hint", "SELECT /*+ MAX_EXECUTION_TIME(1) */ 1"],
    ["nested comment (PostgreSQL ends it later)", "SELECT 1 /* /* */ ' */ ; DROP TABLE users; /* ' */"],
    ["unterminated comment", "SELECT 1 /* DROP"],
    ["hash comment hiding a quote", "SELECT 1 # '\n; DELETE FROM users; -- '"],
    ["double dash without space (MySQL: minus minus)", "SELECT 1 --1 ; DELETE FROM users"],
    ["double dash comment ended by CR (PostgreSQL)", "SELECT 1 -- x\r; DELETE FROM users"],
    ["backslash escape changes string end", "SELECT 'a\\' ; DELETE FROM users; -- '"],
    ["backslash in double-quoted string", 'SELECT "a\\" ; DROP TABLE t; -- "'],
    ["unterminated string", "SELECT 'abc"],
    ["unterminated identifier", "SELECT `abc"],
    ["client command", "SELECT 1\\G"],
    ["NUL byte", "SELECT 1\u0000; DROP TABLE users"],
    ["zero-width space", "SELECT 1\u200B"],
    ["non-breaking space", "SELECT\u00A01"],
    ["ideographic space", "SELECT\u30001"],
    ["vertical tab", "SELECT 1\u000B"],
    ["right-to-left override", "SELECT '\u202E' FROM t"],
    ["call", "SELECT 1 FROM t WHERE x IN (CALL p())"],
    ["handler", "SELECT 1 UNION HANDLER t READ FIRST"],
    ["create", "SELECT 1 FROM (CREATE TABLE t (a INT)) x"],
    ["grant", "SELECT 1 GRANT ALL ON *.* TO 'x'"],
    ["truncate in subquery position", "SELECT * FROM t WHERE id = (TRUNCATE t)"],
    ["too long", `SELECT ${"1,".repeat(3000)}1`],
  ])("%s", (_name, q) => {
    const check = checkReadOnlySql(q);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason.length).toBeGreaterThan(0);
    expect(isReadOnlySql(q)).toBe(false);
  });

  it("explains what was refused", () => {
    expect(checkReadOnlySql("SELECT * FROM orders FOR UPDATE")).toEqual({
      ok: false,
      reason: "`UPDATE` is not allowed in a read-only check (quote it with backticks if it is a column name).",
    });
    expect(checkReadOnlySql("SELECT 1; SELECT 2")).toMatchObject({ reason: expect.stringContaining("one statement") });
    // Each dialect trick is refused for its own reason, not by luck of a later keyword.
    expect(checkReadOnlySql("SELECT 1 /* /* */ 1")).toMatchObject({ reason: expect.stringContaining("Nested") });
    expect(checkReadOnlySql("SELECT 1 # x")).toMatchObject({ reason: expect.stringContaining("`#`") });
    expect(checkReadOnlySql("SELECT 1 --1")).toMatchObject({ reason: expect.stringContaining("`--`") });
    expect(checkReadOnlySql("SELECT 'a\\b'")).toMatchObject({ reason: expect.stringContaining("Backslashes") });
    expect(checkReadOnlySql("SELECT /*!1*/ 1")).toMatchObject({ reason: expect.stringContaining("Executable") });
  });
});

describe("admin-defined recovery checks", () => {
  const http = {
    id: "coupon-issue",
    kind: "http",
    title: { ko: "쿠폰 발급", en: "Coupon issue" },
    method: "GET",
    path: "/coupons/health?x=1",
    expectStatus: 200,
  };
  const sql = {
    id: "no-negative-stock",
    kind: "sql",
    title: { ko: "재고 음수 없음", en: "No negative stock" },
    query: "SELECT id FROM products WHERE stock < 0",
    expect: "no_rows",
  };

  it("accepts well-formed checks", () => {
    expect(recoveryCheckInput.safeParse(http).success).toBe(true);
    expect(recoveryCheckInput.safeParse({ ...http, method: "POST", body: { userId: 1, tags: ["a"], nested: { ok: true } } }).success).toBe(
      true,
    );
    expect(recoveryCheckInput.safeParse(sql).success).toBe(true);
  });

  it.each([
    ["absolute URL (SSRF)", { path: "http://169.254.169.254/latest/meta-data" }],
    ["protocol-relative", { path: "//evil.example/x" }],
    ["backslash host trick", { path: "/\\evil.example" }],
    ["tab in path", { path: "/\t/evil.example" }],
    ["dot-dot segment", { path: "/api/../admin" }],
    ["no leading slash", { path: "actuator/health" }],
    ["GET with a body", { body: { a: 1 } }],
    ["bad status", { expectStatus: 42 }],
    ["bad method", { method: "DELETE" }],
    ["bad id", { id: "Has Spaces" }],
    ["missing English title", { title: { ko: "쿠폰", en: " " } }],
    ["unknown field", { headers: { Authorization: "x" } }],
  ])("refuses an HTTP check with %s", (_name, patch) => {
    expect(recoveryCheckInput.safeParse({ ...http, ...patch }).success).toBe(false);
  });

  it("refuses a SQL check that is not read-only, with the validator's reason", () => {
    const r = recoveryCheckInput.safeParse({ ...sql, query: "SELECT 1; DROP TABLE products" });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.message).toContain("one statement");
    expect(recoveryCheckInput.safeParse({ ...sql, expect: "some_rows" }).success).toBe(false);
  });
});
