// Issue 11: SQL recovery checks are read-only because the DATABASE enforces it, not because a text filter
// says so. Against the real MariaDB and PostgreSQL on this machine: a SELECT-only account is created in
// the set-up; over-privileged accounts (root, superuser, FILE, a role with SUPER, INSERT, predefined
// file roles) are refused before any query is sent, with the message naming what is wrong. Then the
// attacks — read a file, take a named lock, change a global, call a stored function that writes, read
// credentials — are tried through queries the filter accepts, and again with the filter out of the way
// (runInReadOnlySession, the exact session the runner uses): each is refused or fails harmlessly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mysql from "mysql2/promise";
import pg from "pg";
import { checkReadOnlySql } from "@/lib/domain/read-only-sql";
import { groupProblems } from "@/lib/domain/recovery-account";
import { runSqlCheck } from "@/lib/server/postmortems/recovery-runner";
import { inspectSqlAccount, runInReadOnlySession } from "@/lib/server/postmortems/recovery-sql";
import type { RecoveryConfig } from "@/lib/server/postmortems/recovery-config";
import { eventually } from "../diagnostics/helpers";

const MARIADB_ROOT = process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";
const PG_ADMIN = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const RUN = `${process.pid}`;
const SHOP = `ic_recovery_priv_${RUN}`;
const TIMEOUT = 1_000;

function withDb(base: string, db: string, user?: string, password?: string): string {
  const u = new URL(base);
  u.pathname = `/${db}`;
  if (user !== undefined) {
    u.username = user;
    u.password = password ?? "";
  }
  return u.toString();
}

const sqlCheck = (query: string, database: "mysql" | "postgresql" = "mysql") => ({
  id: "attack",
  kind: "sql" as const,
  title: { ko: "공격", en: "attack" },
  expect: "no_rows" as const,
  database,
  query,
});

/** Runs through the session the runner uses, without the filter; a database error comes back as its message. */
/** Each query passes the read-only filter, yet the check fails: the database denies it, in words matching `denied`. */
async function expectAcceptedThenDenied(
  queries: readonly string[],
  database: "mysql" | "postgresql",
  config: RecoveryConfig,
  denied: RegExp,
): Promise<void> {
  for (const query of queries) {
    expect(checkReadOnlySql(query)).toEqual({ ok: true });
    const outcome = await runSqlCheck(sqlCheck(query, database), config);
    expect(outcome.ok, query).toBe(false);
    expect(outcome.summary, query).toMatch(denied);
  }
}

async function unfiltered(
  dialect: "mysql" | "postgresql",
  url: string,
  query: string,
): Promise<{ rows?: Record<string, unknown>[]; error?: string; refused?: boolean }> {
  try {
    const result = await runInReadOnlySession(dialect, url, query, TIMEOUT);
    if ("refused" in result) return { refused: true };
    return { rows: result.rows };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

// ---------------------------------------------------------------------------------------------------

describe("MariaDB: the SQL-check account", () => {
  const ro = { user: `ic_ro_${RUN}`.slice(0, 32), password: `ro-${RUN}-pw` };
  const users = ["file", "wide", "writer", "roled"].map((k) => ({
    kind: k,
    user: `ic_${k}_${RUN}`.slice(0, 32),
    password: `${k}-${RUN}-pw`,
  }));
  const role = `ic_role_${RUN}`;
  let root: mysql.Connection;
  let roUrl: string;
  const config = (): RecoveryConfig => ({ actuatorUrl: "http://127.0.0.1:9", mysqlUrl: roUrl, pgUrl: null, timeoutMs: TIMEOUT });

  beforeAll(async () => {
    root = await mysql.createConnection(MARIADB_ROOT);
    await root.query(`DROP DATABASE IF EXISTS ${SHOP}`);
    await root.query(`CREATE DATABASE ${SHOP}`);
    await root.query(`CREATE TABLE ${SHOP}.point_history (id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL, amount INT NOT NULL)`);
    await root.query(`INSERT INTO ${SHOP}.point_history (user_id, amount) VALUES (1, 1000), (2, 500)`);
    // A stored function with a side effect, as an application might have (SQL SECURITY DEFINER: runs as root).
    await root.query(
      `CREATE DEFINER = CURRENT_USER FUNCTION ${SHOP}.fix_balance() RETURNS INT MODIFIES SQL DATA SQL SECURITY DEFINER BEGIN INSERT INTO ${SHOP}.point_history (user_id, amount) VALUES (99, 1); RETURN 1; END`,
    );
    for (const u of [ro, ...users]) {
      await root.query(`DROP USER IF EXISTS '${u.user}'@'%'`);
      await root.query(`CREATE USER '${u.user}'@'%' IDENTIFIED BY '${u.password}'`);
      await root.query(`GRANT SELECT ON ${SHOP}.* TO '${u.user}'@'%'`);
    }
    await root.query(`GRANT FILE ON *.* TO '${users[0].user}'@'%'`);
    await root.query(`GRANT SELECT ON *.* TO '${users[1].user}'@'%'`);
    await root.query(`GRANT INSERT, UPDATE ON ${SHOP}.point_history TO '${users[2].user}'@'%'`);
    await root.query(`DROP ROLE IF EXISTS ${role}`);
    await root.query(`CREATE ROLE ${role}`);
    await root.query(`GRANT SUPER ON *.* TO ${role}`);
    await root.query(`GRANT ${role} TO '${users[3].user}'@'%'`); // granted, not even the default role
    roUrl = withDb(MARIADB_ROOT, SHOP, ro.user, ro.password);
  });

  afterAll(async () => {
    await root.query(`DROP DATABASE IF EXISTS ${SHOP}`).catch(() => undefined);
    for (const u of [ro, ...users]) await root.query(`DROP USER IF EXISTS '${u.user}'@'%'`).catch(() => undefined);
    await root.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await root.end();
  });

  it("a SELECT-only account passes the inspection and runs checks", async () => {
    const inspected = await inspectSqlAccount("mysql", roUrl, TIMEOUT);
    expect(inspected).toEqual({ ok: true, verdict: { dialect: "mysql", user: `${ro.user}@%`, problems: [] } });
    const outcome = await runSqlCheck(
      sqlCheck("SELECT user_id, SUM(amount) FROM point_history GROUP BY user_id HAVING SUM(amount) < 0"),
      config(),
    );
    expect(outcome).toMatchObject({ ok: true, summary: expect.stringMatching(/^No inconsistent rows/) });
  });

  it("root is refused before the query is sent, naming what is wrong and the fix", async () => {
    const rootUrl = withDb(MARIADB_ROOT, SHOP);
    const outcome = await runSqlCheck(sqlCheck("SELECT COUNT(*) AS n FROM point_history HAVING COUNT(*) < 0"), {
      ...config(),
      mysqlUrl: rootUrl,
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.summary).toMatch(
      /^Refused to run SQL checks as root@\S+ on 127\.0\.0\.1:3306\/ic_recovery_priv_\d+: the account can write or change data or schema \(ALL PRIVILEGES ON \*\.\*[^)]*\); can read or write files on the database host \(ALL PRIVILEGES ON \*\.\*[^)]*\); can change server settings or stop other sessions \(ALL PRIVILEGES ON \*\.\*[^)]*\); can read or change credentials \(/,
    );
    expect(outcome.summary).toContain(
      'Set RECOVERY_MYSQL_URL to a dedicated account with SELECT only (README, "Read-only account for recovery checks")',
    );
    expect(outcome.data).toMatchObject({
      fix: `CREATE USER 'ic_checks'@'%' IDENTIFIED BY '<a long random password>';\nGRANT SELECT ON ${SHOP}.* TO 'ic_checks'@'%';`,
    });
    // not sent: a query that would take a lock is never run as root
    const refused = await runInReadOnlySession("mysql", rootUrl, "SELECT GET_LOCK('ic-never', 0) AS got", TIMEOUT);
    expect("refused" in refused).toBe(true);
  });

  it.each([
    ["file", "files", "FILE ON *.*"],
    ["wide", "credentials", "SELECT ON *.*"],
    ["writer", "write", `INSERT ON \`${SHOP}\`.\`point_history\``],
    ["roled", "settings", "SUPER ON *.*"],
  ])("an account with %s rights is refused (%s: %s)", async (kind, problemKind, detail) => {
    const u = users.find((x) => x.kind === kind)!;
    const inspected = await inspectSqlAccount("mysql", withDb(MARIADB_ROOT, SHOP, u.user, u.password), TIMEOUT);
    expect(inspected.ok).toBe(true);
    if (inspected.ok) expect(inspected.verdict.problems).toContainEqual({ kind: problemKind, detail });
    const outcome = await runSqlCheck(sqlCheck("SELECT 1 FROM point_history WHERE 1 = 0"), {
      ...config(),
      mysqlUrl: withDb(MARIADB_ROOT, SHOP, u.user, u.password),
    });
    expect(outcome.summary).toMatch(/^Refused to run SQL checks as /);
  });

  describe("attacks the database stops", () => {
    it("reading credentials through a query the filter accepts: denied", async () => {
      await expectAcceptedThenDenied(
        [
          "SELECT user, host, password FROM mysql.user",
          "SELECT * FROM mysql.global_priv",
          "SELECT u.user FROM mysql.user u JOIN point_history p ON p.user_id = 1",
        ],
        "mysql",
        config(),
        /command denied to user/,
      );
    });

    it("reading a file: the filter refuses LOAD_FILE (also as `load_file`); without the filter it returns NULL", async () => {
      for (const query of ["SELECT LOAD_FILE('/etc/hostname') AS f", "SELECT `load_file`('/etc/hostname') AS f"]) {
        expect(checkReadOnlySql(query).ok).toBe(false);
        expect(await unfiltered("mysql", roUrl, query)).toEqual({ rows: [{ f: null }] });
      }
      // …whereas root really reads it: that is why root is refused.
      const [[asRoot]] = await root.query<mysql.RowDataPacket[]>("SELECT LOAD_FILE('/etc/hostname') IS NOT NULL AS readable");
      expect(Number(asRoot.readable)).toBe(1);
    });

    it("writing a file: INTO OUTFILE is refused by the filter and denied by the database", async () => {
      const path = `/tmp/ic-recovery-${RUN}.txt`;
      const result = await unfiltered("mysql", roUrl, `SELECT 1 INTO OUTFILE '${path}'`);
      expect(result.error).toMatch(/Access denied|FILE privilege/);
    });

    it("a named lock: refused by the filter; without it the lock ends with the session and waits are bounded", async () => {
      expect(checkReadOnlySql("SELECT GET_LOCK('ic-recovery', 0)").ok).toBe(false);
      const name = `ic-recovery-${RUN}`;
      expect(await unfiltered("mysql", roUrl, `SELECT GET_LOCK('${name}', 0) AS got`)).toEqual({ rows: [{ got: 1 }] });
      // released as soon as the server sees the check's session gone (the runner never reuses it)
      await eventually(async () => {
        const [[free]] = await root.query<mysql.RowDataPacket[]>(`SELECT IS_FREE_LOCK('${name}') AS free`);
        return Number(free.free) === 1;
      });
      // a check that waits on a lock someone holds is stopped by the statement timeout
      await root.query(`SELECT GET_LOCK('${name}', 0)`);
      try {
        const started = Date.now();
        const waited = await unfiltered("mysql", roUrl, `SELECT GET_LOCK('${name}', 60) AS got`);
        expect(Date.now() - started).toBeLessThan(TIMEOUT * 2 + 500);
        expect(waited.rows?.[0]?.got ?? null).not.toBe(1);
      } finally {
        await root.query(`SELECT RELEASE_LOCK('${name}')`);
      }
    });

    it("changing a global: SET is refused by the filter and denied by the database", async () => {
      const [[before]] = await root.query<mysql.RowDataPacket[]>("SELECT @@GLOBAL.max_connections AS v");
      expect(checkReadOnlySql("SET GLOBAL max_connections = 5").ok).toBe(false);
      const result = await unfiltered("mysql", roUrl, "SET GLOBAL max_connections = 5");
      expect(result.error).toMatch(/Access denied; you need \(at least one of\) the SUPER/);
      const [[after]] = await root.query<mysql.RowDataPacket[]>("SELECT @@GLOBAL.max_connections AS v");
      expect(after.v).toBe(before.v);
    });

    it("a stored function that writes: refused by the filter; the read-only transaction stops it, and the account has no EXECUTE", async () => {
      expect(checkReadOnlySql("SELECT fix_balance()").ok).toBe(false);
      const result = await unfiltered("mysql", roUrl, "SELECT fix_balance() AS x");
      expect(result.error).toMatch(/READ ONLY transaction|execute command denied/);
      // outside the read-only transaction, the missing EXECUTE grant stops it too
      const direct = await mysql.createConnection(roUrl);
      try {
        await expect(direct.query("SELECT fix_balance()")).rejects.toThrow(/execute command denied/);
      } finally {
        await direct.end();
      }
      const [[count]] = await root.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${SHOP}.point_history WHERE user_id = 99`);
      expect(Number(count.n)).toBe(0);
    });

    it("a plain write without the filter: the read-only transaction and the grants both stop it", async () => {
      const result = await unfiltered("mysql", roUrl, "DELETE FROM point_history");
      expect(result.error).toMatch(/READ ONLY transaction|command denied/);
      const [[count]] = await root.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${SHOP}.point_history`);
      expect(Number(count.n)).toBe(2);
    });
  });
});

// ---------------------------------------------------------------------------------------------------

describe("PostgreSQL: the SQL-check account and PostgreSQL targets", () => {
  const db = `ic_recovery_priv_${RUN}`;
  const roRole = `ic_ro_${RUN}`;
  const filesRole = `ic_files_${RUN}`;
  const writerRole = `ic_writer_${RUN}`;
  let admin: pg.Client;
  let shop: pg.Client;
  let roUrl: string;
  const config = (): RecoveryConfig => ({ actuatorUrl: "http://127.0.0.1:9", mysqlUrl: null, pgUrl: roUrl, timeoutMs: TIMEOUT });

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    for (const r of [roRole, filesRole, writerRole]) {
      await admin.query(`DROP ROLE IF EXISTS ${r}`);
      await admin.query(`CREATE ROLE ${r} LOGIN PASSWORD '${r}-pw'`);
    }
    await admin.query(`GRANT pg_read_server_files TO ${filesRole}`);
    shop = new pg.Client({ connectionString: withDb(PG_ADMIN, db) });
    await shop.connect();
    await shop.query("CREATE TABLE orders (id INT PRIMARY KEY, total_amount INT NOT NULL, status TEXT NOT NULL)");
    await shop.query("CREATE TABLE payments (id SERIAL PRIMARY KEY, order_id INT NOT NULL, amount INT)");
    await shop.query("INSERT INTO orders VALUES (1, 10000, 'COMPLETED'), (2, 5000, 'COMPLETED')");
    await shop.query("INSERT INTO payments (order_id, amount) VALUES (1, 10000)");
    await shop.query(
      `CREATE FUNCTION fix_order() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ INSERT INTO orders VALUES (99, 1, 'FIXED') RETURNING 1 $$`,
    );
    // The README's lines, for each role.
    for (const r of [roRole, filesRole, writerRole]) {
      await shop.query(`GRANT CONNECT ON DATABASE ${db} TO ${r}`);
      await shop.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
      await shop.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${r}`);
    }
    await shop.query(`GRANT INSERT ON orders TO ${writerRole}`);
    roUrl = withDb(PG_ADMIN, db, roRole, `${roRole}-pw`);
  });

  afterAll(async () => {
    await shop?.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
    for (const r of [roRole, filesRole, writerRole]) await admin.query(`DROP ROLE IF EXISTS ${r}`).catch(() => undefined);
    await admin.end();
  });

  it("a SELECT-only role passes and a PostgreSQL check finds the inconsistent rows", async () => {
    expect(await inspectSqlAccount("postgresql", roUrl, TIMEOUT)).toEqual({
      ok: true,
      verdict: { dialect: "postgresql", user: roRole, problems: [] },
    });
    const outcome = await runSqlCheck(
      sqlCheck(
        "SELECT o.id, o.total_amount, p.amount FROM orders o LEFT JOIN payments p ON o.id = p.order_id WHERE o.status = 'COMPLETED' AND p.amount IS NULL",
        "postgresql",
      ),
      config(),
    );
    expect(outcome).toMatchObject({
      ok: false,
      summary: '1 inconsistent row, e.g. {"id":2,"total_amount":5000,"amount":null}',
      data: { kind: "sql", database: "postgresql", rowCount: 1 },
    });
  });

  it("a PostgreSQL check without RECOVERY_PG_URL says so", async () => {
    const outcome = await runSqlCheck(sqlCheck("SELECT 1", "postgresql"), { ...config(), pgUrl: null });
    expect(outcome.summary).toMatch(/^Not configured: set RECOVERY_PG_URL to a read-only PostgreSQL account/);
  });

  it.each([
    ["the superuser", () => withDb(PG_ADMIN, db), ["write", "files", "settings", "credentials"], "superuser"],
    [
      "a member of pg_read_server_files",
      () => withDb(PG_ADMIN, db, filesRole, `${filesRole}-pw`),
      ["files"],
      "member of pg_read_server_files",
    ],
    [
      "a role that may INSERT",
      () => withDb(PG_ADMIN, db, writerRole, `${writerRole}-pw`),
      ["write"],
      "INSERT/UPDATE/DELETE/TRUNCATE ON public.orders",
    ],
  ])("%s is refused, naming why", async (_name, url, kinds, detail) => {
    const inspected = await inspectSqlAccount("postgresql", url(), TIMEOUT);
    expect(inspected.ok).toBe(true);
    if (!inspected.ok) return;
    expect(groupProblems(inspected.verdict.problems).map((g) => g.kind)).toEqual(expect.arrayContaining(kinds));
    expect(inspected.verdict.problems.map((p) => p.detail)).toContain(detail);
    const outcome = await runSqlCheck(sqlCheck("SELECT 1 FROM orders WHERE 1 = 0", "postgresql"), { ...config(), pgUrl: url() });
    expect(outcome.summary).toMatch(/^Refused to run SQL checks as .+ Set RECOVERY_PG_URL to a dedicated account with SELECT only/);
  });

  describe("attacks the database stops", () => {
    it("reading credentials through a query the filter accepts: denied", async () => {
      await expectAcceptedThenDenied(
        ["SELECT rolname, rolpassword FROM pg_authid", "SELECT usename, passwd FROM pg_shadow", "SELECT * FROM pg_catalog.pg_user_mapping"],
        "postgresql",
        config(),
        /permission denied for (table|view)/,
      );
    });

    it("reading a file: refused by the filter, and denied without it — also through query_to_xml, which the old filter accepted", async () => {
      for (const query of [
        "SELECT pg_read_file('/etc/hostname')",
        "SELECT query_to_xml('select pg_read_file(''/etc/hostname'')', true, false, '')",
        "SELECT lo_import('/etc/hostname')",
        "SELECT pg_stat_file('/etc/hostname')",
      ]) {
        expect(checkReadOnlySql(query).ok, query).toBe(false);
        const result = await unfiltered("postgresql", roUrl, query);
        expect(result.error, query).toMatch(/permission denied|read-only transaction/);
      }
    });

    it("an advisory lock: refused by the filter; without it the lock ends with the session", async () => {
      expect(checkReadOnlySql("SELECT pg_try_advisory_lock(4242)").ok).toBe(false);
      const key = 424_200 + (process.pid % 1000);
      expect(await unfiltered("postgresql", roUrl, `SELECT pg_try_advisory_lock(${key}) AS locked`)).toEqual({ rows: [{ locked: true }] });
      const other = new pg.Client({ connectionString: withDb(PG_ADMIN, db) });
      await other.connect();
      try {
        // the check's session closes asynchronously: the lock is free as soon as the server sees it gone
        let free = false;
        for (let i = 0; i < 40 && !free; i += 1) {
          free = (await other.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${key}) AS got`)).rows[0].got;
          if (!free) await new Promise((r) => setTimeout(r, 50));
        }
        expect(free).toBe(true);
        await other.query(`SELECT pg_advisory_unlock(${key})`);
        // a check that waits on a held lock is stopped by the statement timeout
        await other.query(`SELECT pg_advisory_lock(${key})`);
        const started = Date.now();
        const waited = await unfiltered("postgresql", roUrl, `SELECT pg_advisory_lock(${key})`);
        expect(Date.now() - started).toBeLessThan(TIMEOUT * 2 + 500);
        expect(waited.error).toMatch(/statement timeout|lock timeout/);
      } finally {
        await other.end();
      }
    });

    it("changing a global: ALTER SYSTEM and pg_reload_conf are denied; set_config only touches the check's own session", async () => {
      expect(checkReadOnlySql("SELECT set_config('work_mem', '1GB', false)").ok).toBe(false);
      expect((await unfiltered("postgresql", roUrl, "ALTER SYSTEM SET work_mem = '1GB'")).error).toMatch(
        /permission denied|must be superuser|read-only transaction|cannot run inside a transaction block/,
      );
      expect((await unfiltered("postgresql", roUrl, "SELECT pg_reload_conf()")).error).toMatch(/permission denied/);
      const before = (await admin.query<{ work_mem: string }>("SHOW work_mem")).rows[0].work_mem;
      expect(await unfiltered("postgresql", roUrl, "SELECT set_config('work_mem', '1GB', false) AS v")).toEqual({ rows: [{ v: "1GB" }] });
      expect((await admin.query<{ work_mem: string }>("SHOW work_mem")).rows[0].work_mem).toBe(before);
      const auto = await admin.query<{ c: string }>(
        "SELECT count(*)::text AS c FROM pg_file_settings WHERE name = 'work_mem' AND sourcefile LIKE '%postgresql.auto.conf'",
      );
      expect(auto.rows[0].c).toBe("0");
    });

    it("stopping other sessions: pg_terminate_backend is refused by the filter and denied by the database", async () => {
      const pid = (await admin.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      expect(checkReadOnlySql(`SELECT pg_terminate_backend(${pid})`).ok).toBe(false);
      const result = await unfiltered("postgresql", roUrl, `SELECT pg_terminate_backend(${pid})`);
      expect(result.error).toMatch(/permission denied|must be a (superuser|member)/);
      expect((await admin.query("SELECT 1 AS alive")).rows[0]).toEqual({ alive: 1 });
    });

    it("a SECURITY DEFINER function that writes: refused by the filter; the read-only transaction stops it", async () => {
      expect(checkReadOnlySql("SELECT fix_order()").ok).toBe(false);
      const result = await unfiltered("postgresql", roUrl, "SELECT fix_order()");
      expect(result.error).toMatch(/read-only transaction/);
      expect((await shop.query("SELECT count(*)::int AS n FROM orders WHERE id = 99")).rows[0]).toEqual({ n: 0 });
    });

    it("two statements in one string never run: the extended protocol takes one", async () => {
      const result = await unfiltered("postgresql", roUrl, "SELECT 1; SELECT pg_advisory_lock(1)");
      expect(result.error).toMatch(/cannot insert multiple commands into a prepared statement/);
    });
  });
});
