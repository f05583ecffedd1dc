// Against the real MariaDB/MySQL (MYSQL_URL, default mysql://root@127.0.0.1:3306/test): a real deadlock,
// a real lock wait, a real long query, the slow log as a table, SHOW INDEX. Tables are per run and dropped.
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeadlockReport } from "@/lib/diagnostics/innodb-status";
import type { LockWaitInfo, ProcessInfo, TransactionInfo } from "@/lib/diagnostics/mysql-analysis";
import { mysqlDeadlock, mysqlLockWaits, mysqlProcesslist, mysqlTransactions } from "@/lib/diagnostics/mysql";
import { mysqlIndexCheck, mysqlSlowQueries } from "@/lib/diagnostics/mysql-slow";
import { targetsFromEnv } from "@/lib/diagnostics/targets";
import { MYSQL_URL, RUN_ID, closedPort, delay, eventually, runAgainstSilentServer } from "./helpers";

const target = targetsFromEnv({ MYSQL_URL }).mysql[0];
const A = `ic_diag_a_${RUN_ID}`;
const B = `ic_diag_b_${RUN_ID}`;
const ORDERS = `ic_diag_orders_${RUN_ID}`;
let admin: mysql.Connection;
const open: mysql.Connection[] = [];

async function session(): Promise<{ conn: mysql.Connection; id: number }> {
  const conn = await mysql.createConnection({ uri: MYSQL_URL });
  open.push(conn);
  const [rows] = await conn.query<mysql.RowDataPacket[]>("SELECT CONNECTION_ID() AS id");
  return { conn, id: Number(rows[0].id) };
}

beforeAll(async () => {
  admin = await mysql.createConnection({ uri: MYSQL_URL });
  for (const t of [A, B]) {
    await admin.query(`CREATE TABLE ${t} (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB`);
    await admin.query(`INSERT INTO ${t} VALUES (1, 0), (2, 0)`);
  }
  await admin.query(
    `CREATE TABLE ${ORDERS} (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, status VARCHAR(20), KEY idx_status (status)) ENGINE=InnoDB`,
  );
});
afterAll(async () => {
  for (const c of open) c.destroy();
  for (const t of [A, B, ORDERS]) await admin.query(`DROP TABLE IF EXISTS ${t}`);
  await admin.end();
});

describe("mysql.deadlock", () => {
  it("reports both transactions of a real deadlock, their statements and the one rolled back", async () => {
    const s1 = await session();
    const s2 = await session();
    await s1.conn.query("BEGIN");
    await s2.conn.query("BEGIN");
    await s1.conn.query(`UPDATE ${A} SET v = v + 1 WHERE id = 1`);
    await s2.conn.query(`UPDATE ${B} SET v = v + 1 WHERE id = 1`);
    // Opposite order: s1 waits for s2's row, then s2 asks for s1's row → InnoDB picks a victim (ER_LOCK_DEADLOCK).
    const first = s1.conn.query(`UPDATE ${B} SET v = v + 10 WHERE id = 1 /* s1 second */`);
    await eventually(
      async () => {
        const [w] = await admin.query<mysql.RowDataPacket[]>(
          "SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'",
        );
        return Number(w[0].n) > 0;
      },
      3_000,
      150, // the INNODB_TRX cache refreshes only after 100 ms without reads
    );
    const second = s2.conn.query(`UPDATE ${A} SET v = v + 20 WHERE id = 1 /* s2 second */`);
    const [r1, r2] = await Promise.allSettled([first, second]);
    const failed = [r1, r2].map((r) => (r.status === "rejected" ? (r.reason as { errno?: number }).errno : null));
    expect(failed.filter((e) => e === 1213)).toHaveLength(1);
    const victimId = failed[0] === 1213 ? s1.id : s2.id;
    await s1.conn.query("ROLLBACK");
    await s2.conn.query("ROLLBACK");

    const r = await mysqlDeadlock.run(target);
    const report = (r.data as { report: DeadlockReport }).report;
    expect(r.verdict).toBe("warning");
    expect(report.transactions.map((t) => t.threadId).sort()).toEqual([s1.id, s2.id].sort());
    const byThread = new Map(report.transactions.map((t) => [t.threadId, t]));
    expect(byThread.get(s1.id)?.query).toBe(`UPDATE ${B} SET v = v + 10 WHERE id = 1 /* s1 second */`);
    expect(byThread.get(s2.id)?.query).toBe(`UPDATE ${A} SET v = v + 20 WHERE id = 1 /* s2 second */`);
    expect(report.transactions.filter((t) => t.rolledBack).map((t) => t.threadId)).toEqual([victimId]);
    expect(byThread.get(s1.id)?.locks.find((l) => l.role === "waits")).toMatchObject({ table: B, index: "PRIMARY", firstFieldInt: "1" });
    expect(r.summary).toContain(`rolled back thread ${victimId}`);
    expect(r.summary).toMatch(/\(\d+ s ago\)/);
  });
});

describe("mysql.lockWaits and mysql.transactions", () => {
  it("show an idle transaction blocking a waiting update, with the KILL that releases it", async () => {
    const holder = await session();
    const waiter = await session();
    await holder.conn.query("BEGIN");
    await holder.conn.query(`UPDATE ${A} SET v = v + 1 WHERE id = 2`); // then idle in transaction
    await waiter.conn.query("SET SESSION innodb_lock_wait_timeout = 30");
    await waiter.conn.query("BEGIN");
    const blocked = waiter.conn.query(`UPDATE ${A} SET v = v + 5 WHERE id = 2`);
    try {
      await delay(1_100);
      const r = await mysqlLockWaits.run(target);
      const waits = (r.data as { waits: LockWaitInfo[] }).waits.filter((w) => w.waitingPid === waiter.id);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toMatchObject({
        blockingPid: holder.id,
        blockingQuery: null,
        blockingCommand: "Sleep",
        waitingQuery: `UPDATE ${A} SET v = v + 5 WHERE id = 2`,
        suggestedKill: `KILL ${holder.id}`,
      });
      expect(waits[0].lockedTable).toContain(A);
      expect(waits[0].waitAgeSeconds).toBeGreaterThanOrEqual(1);
      expect(["warning", "critical"]).toContain(r.verdict);
      expect(r.summary).toContain(`KILL ${holder.id} releases it`);
      expect(r.data).toMatchObject({ source: "information_schema.INNODB_LOCK_WAITS" });

      // The MySQL 8 query (sys.innodb_lock_waits, which MariaDB 10.6+ also has) finds the same wait.
      const viaSys = await mysqlLockWaits.run(target, { params: { source: "sys" } });
      expect(viaSys.data).toMatchObject({ source: "sys.innodb_lock_waits" });
      const sysWait = (viaSys.data as { waits: LockWaitInfo[] }).waits.find((w) => w.waitingPid === waiter.id);
      expect(sysWait).toMatchObject({
        blockingPid: holder.id,
        blockingCommand: "Sleep",
        waitingQuery: waits[0].waitingQuery,
        suggestedKill: `KILL ${holder.id}`,
      });
      expect(sysWait?.lockedTable).toContain(A);

      const t = await mysqlTransactions.run(target, { params: { longSeconds: 1 } });
      const list = (t.data as { transactions: TransactionInfo[] }).transactions;
      expect(list.find((x) => x.threadId === holder.id)).toMatchObject({
        state: "RUNNING",
        query: null,
        command: "Sleep",
        idleInTransaction: true,
      });
      expect(list.find((x) => x.threadId === waiter.id)).toMatchObject({ state: "LOCK WAIT", idleInTransaction: false });
      expect(t.verdict).not.toBe("ok");
      expect(t.summary).toContain("in LOCK WAIT");
    } finally {
      await holder.conn.query("ROLLBACK");
      await blocked;
      await waiter.conn.query("ROLLBACK");
    }
    // InnoDB refreshes the cache behind INNODB_TRX/INNODB_LOCK_WAITS only when it was not read for
    // 100 ms: poll more slowly than that, or every read keeps seeing the stale wait.
    await eventually(
      async () => {
        const after = await mysqlLockWaits.run(target);
        return (after.data as { waits: LockWaitInfo[] }).waits.every((w) => w.waitingPid !== waiter.id);
      },
      3_000,
      150,
    );
  });
});

describe("mysql.processlist", () => {
  it("sees a SELECT SLEEP(8) running on another connection, not its own connection nor sleeping ones", async () => {
    const sleeper = await session();
    const running = sleeper.conn.query("SELECT SLEEP(8) AS ic_diag_sleep");
    try {
      await delay(5_300);
      const r = await mysqlProcesslist.run(target); // default threshold: 5 s
      const queries = (r.data as { queries: ProcessInfo[] }).queries;
      const mine = queries.find((q) => q.id === sleeper.id);
      expect(mine).toMatchObject({ command: "Query", info: "SELECT SLEEP(8) AS ic_diag_sleep" });
      expect(mine?.timeSeconds).toBeGreaterThanOrEqual(5);
      expect(queries.some((q) => q.info?.includes("information_schema.PROCESSLIST"))).toBe(false);
      expect(queries.some((q) => q.command === "Sleep")).toBe(false);
      expect(r.verdict).toBe("warning");
      expect(r.summary).toMatch(/quer(y|ies) running ≥ 5 s; longest \d+ s: thread \d+/);
    } finally {
      await admin.query(`KILL QUERY ${sleeper.id}`); // stops the statement; the connection survives
      await running.catch(() => undefined); // mysql2 reports "Query execution was interrupted"
    }
  });
});

describe("mysql.slowQueries", () => {
  it("explains when the slow log is not a table, and reads mysql.slow_log when it is", async () => {
    const [vars] = await admin.query<mysql.RowDataPacket[]>("SELECT @@GLOBAL.log_output AS o, @@GLOBAL.slow_query_log AS s");
    const original = { output: String(vars[0].o), slow: Number(vars[0].s) };
    try {
      await admin.query("SET GLOBAL log_output = 'FILE'");
      await admin.query("SET GLOBAL slow_query_log = ON");
      const file = await mysqlSlowQueries.run(target);
      expect(file.verdict).toBe("warning");
      expect(file.summary).toMatch(/^slow log is not written to a table \(log_output=FILE, long_query_time=[\d.]+ s\); read the file /);

      await admin.query("SET GLOBAL log_output = 'TABLE'");
      const slow = await session();
      await slow.conn.query("SET SESSION long_query_time = 0.2");
      await slow.conn.query(`SELECT SLEEP(0.5) AS ic_diag_slow_${RUN_ID}`);
      const r = await mysqlSlowQueries.run(target, { params: { warningCount: 1 } });
      const data = r.data as { recentCount: number; queries: Array<{ sql: string; querySeconds: number; threadId: number | null }> };
      const mine = data.queries.find((q) => q.sql.includes(`ic_diag_slow_${RUN_ID}`));
      expect(mine).toBeDefined();
      expect(mine?.querySeconds).toBeGreaterThanOrEqual(0.5);
      expect(mine?.threadId).toBe(slow.id);
      expect(data.recentCount).toBeGreaterThanOrEqual(1);
      expect(r.verdict).not.toBe("ok");
      expect(r.summary).toMatch(/^\d+ slow quer(y|ies) in the last 15 min/);
    } finally {
      await admin.query(`SET GLOBAL log_output = '${original.output}'`);
      await admin.query(`SET GLOBAL slow_query_log = ${original.slow ? "ON" : "OFF"}`);
    }
  });
});

describe("mysql.indexCheck", () => {
  it("warns when no index starts with the expected column, and is ok once there is one", async () => {
    const missing = await mysqlIndexCheck.run(target, { params: { table: ORDERS, columns: ["user_id"] } });
    expect(missing.verdict).toBe("warning");
    expect(missing.summary).toBe(
      `${ORDERS}: no index starts with user_id (a WHERE on user_id scans the table); indexes: PRIMARY(id), idx_status(status)`,
    );
    await admin.query(`ALTER TABLE ${ORDERS} ADD INDEX idx_user_created (user_id, status)`);
    const ok = await mysqlIndexCheck.run(target, { params: { table: ORDERS, columns: ["user_id"] } });
    expect(ok.verdict).toBe("ok");
    expect(ok.summary).toContain("idx_user_created(user_id,status)");
  });

  it("refuses a table name that is not a plain identifier, and reports a missing table", async () => {
    const refused = await mysqlIndexCheck.run(target, { params: { table: `${ORDERS}; DROP TABLE ${A}` } });
    expect(refused.verdict).toBe("error");
    expect(refused.summary).toContain("refused table name");
    const [rows] = await admin.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${A}`);
    expect(Number(rows[0].n)).toBe(2);
    const absent = await mysqlIndexCheck.run(target, { params: { table: `ic_diag_absent_${RUN_ID}` } });
    expect(absent.verdict).toBe("error");
    expect(absent.summary).toMatch(/doesn't exist/);
  });
});

describe("unreachable and hung servers", () => {
  it("reports a refused port quickly", async () => {
    const port = await closedPort();
    const t = targetsFromEnv({ MYSQL_URL: `mysql://root@127.0.0.1:${port}/test` }).mysql[0];
    const t0 = performance.now();
    const r = await mysqlProcesslist.run(t);
    expect(r.summary).toBe(`MySQL at 127.0.0.1:${port} refused the connection`);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it("times out on a server that accepts and never sends the handshake, and closes the socket", async () => {
    await runAgainstSilentServer(
      mysqlDeadlock,
      (port) => targetsFromEnv({ MYSQL_URL: `mysql://root@127.0.0.1:${port}/test` }).mysql[0],
      async ({ result: r, tookMs, silent }) => {
        expect(r.verdict).toBe("error");
        expect(r.summary).toBe(`MySQL at 127.0.0.1:${silent.port} timed out after 300 ms`);
        expect(tookMs).toBeLessThan(1_000);
        await eventually(async () => (await silent.connections()) === 0);
      },
    );
  });
});
