import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseLatestDeadlock, summariseDeadlock } from "@/lib/diagnostics/innodb-status";

// A copy of reference/captures/innodb_status_after_deadlock.txt (a real MariaDB 10.11 dump).
const CAPTURE = fileURLToPath(new URL("./fixtures/innodb_status_after_deadlock.txt", import.meta.url));
// The capture is `SHOW ENGINE INNODB STATUS\G` from the mysql CLI; the driver gives the Status column alone.
const mariadbStatus = readFileSync(CAPTURE, "utf8").split("Status: \n")[1];

const MYSQL8 = `
=====================================
2026-03-04 10:11:12 140234567890176 INNODB MONITOR OUTPUT
=====================================
------------------------
LATEST DETECTED DEADLOCK
------------------------
2026-03-04 10:11:12 140234567890176
*** (1) TRANSACTION:
TRANSACTION 2078, ACTIVE 13 sec starting index read
mysql tables in use 1, locked 1
LOCK WAIT 4 lock struct(s), heap size 1128, 2 row lock(s), undo log entries 1
MySQL thread id 9, OS thread handle 140233929426688, query id 65 localhost root updating
UPDATE accounts
   SET balance = balance - 10
 WHERE id = 2

*** (1) HOLDS THE LOCK(S):
RECORD LOCKS space id 3 page no 4 n bits 72 index PRIMARY of table \`bank\`.\`accounts\` trx id 2078 lock_mode X locks rec but not gap
Record lock, heap no 2 PHYSICAL RECORD: n_fields 4; compact format; info bits 0
 0: len 4; hex 80000001; asc     ;;

*** (1) WAITING FOR THIS LOCK TO BE GRANTED:
RECORD LOCKS space id 3 page no 4 n bits 72 index PRIMARY of table \`bank\`.\`accounts\` trx id 2078 lock_mode X locks rec but not gap waiting
Record lock, heap no 3 PHYSICAL RECORD: n_fields 4; compact format; info bits 0
 0: len 4; hex 80000002; asc     ;;

*** (2) TRANSACTION:
TRANSACTION 2079, ACTIVE 9 sec starting index read
mysql tables in use 1, locked 1
LOCK WAIT 4 lock struct(s), heap size 1128, 2 row lock(s), undo log entries 1
MySQL thread id 10, OS thread handle 140233928369920, query id 66 10.0.0.7 app updating
UPDATE accounts SET balance = balance + 10 WHERE id = 1

*** (2) HOLDS THE LOCK(S):
TABLE LOCK table \`bank\`.\`accounts\` trx id 2079 lock mode IX

*** (2) WAITING FOR THIS LOCK TO BE GRANTED:
RECORD LOCKS space id 3 page no 4 n bits 72 index PRIMARY of table \`bank\`.\`accounts\` trx id 2079 lock_mode X locks rec but not gap waiting
Record lock, heap no 2 PHYSICAL RECORD: n_fields 4; compact format; info bits 0
 0: len 4; hex 80000001; asc     ;;

*** WE ROLL BACK TRANSACTION (2)
------------
TRANSACTIONS
------------
Trx id counter 2081
`;

describe("parseLatestDeadlock on the real MariaDB 10.11 capture", () => {
  const report = parseLatestDeadlock(mariadbStatus);

  it("finds the section, its time and both transactions", () => {
    expect(report).not.toBeNull();
    expect(report?.detectedAt).toBe("2026-11-24 21:57:14");
    expect(report?.transactions.map((t) => [t.index, t.trxId, t.threadId, t.queryId])).toEqual([
      [1, "38", 19, 66],
      [2, "37", 18, 65],
    ]);
  });

  it("reads each transaction's statement, host, user and age", () => {
    const [a, b] = report!.transactions;
    expect(a.query).toBe("UPDATE orders SET status='A-2' WHERE id=20");
    expect(b.query).toBe("UPDATE orders SET status='B-2' WHERE id=10");
    expect([a.host, a.user, a.activeSeconds, a.operation]).toEqual(["localhost", "root", 2, "starting index read"]);
  });

  it("reads the lock waited for and the conflicting lock, with the decoded primary key", () => {
    const [a, b] = report!.transactions;
    expect(a.locks).toEqual([
      expect.objectContaining({
        role: "waits",
        type: "RECORD",
        schema: "shop",
        table: "orders",
        index: "PRIMARY",
        mode: "X locks rec but not gap",
        trxId: "38",
        firstFieldInt: "20",
      }),
      expect.objectContaining({ role: "conflicts", trxId: "37", firstFieldHex: "8000000000000014", firstFieldInt: "20" }),
    ]);
    expect(b.locks.map((l) => [l.role, l.trxId, l.firstFieldInt])).toEqual([
      ["waits", "37", "10"],
      ["conflicts", "38", "10"],
    ]);
  });

  it("names the victim: WE ROLL BACK TRANSACTION (1) = thread 19", () => {
    expect(report?.victimIndex).toBe(1);
    expect(report?.transactions.filter((t) => t.rolledBack).map((t) => t.threadId)).toEqual([19]);
    expect(summariseDeadlock(report!)).toBe(
      `deadlock at 2026-11-24 21:57:14: thread 19 (trx 38) running "UPDATE orders SET status='A-2' WHERE id=20" vs ` +
        `thread 18 (trx 37) running "UPDATE orders SET status='B-2' WHERE id=10"; rolled back thread 19 (trx 38)`,
    );
  });

  it("works on the whole \\G capture and on CRLF text too", () => {
    const whole = readFileSync(CAPTURE, "utf8");
    expect(parseLatestDeadlock(whole)?.victimIndex).toBe(1);
    expect(parseLatestDeadlock(mariadbStatus.replace(/\n/g, "\r\n"))?.transactions[1].query).toBe(
      "UPDATE orders SET status='B-2' WHERE id=10",
    );
  });
});

describe("parseLatestDeadlock on the MySQL 8 layout", () => {
  const report = parseLatestDeadlock(MYSQL8)!;

  it("reads 'MySQL thread id', multi-line statements and HOLDS THE LOCK(S)", () => {
    const [a, b] = report.transactions;
    expect(a.threadId).toBe(9);
    expect(a.query).toBe("UPDATE accounts\n   SET balance = balance - 10\n WHERE id = 2");
    expect(a.locks.map((l) => [l.role, l.firstFieldInt])).toEqual([
      ["holds", "1"],
      ["waits", "2"],
    ]);
    expect([b.host, b.user]).toEqual(["10.0.0.7", "app"]);
    expect(b.locks[0]).toMatchObject({ role: "holds", type: "TABLE", schema: "bank", table: "accounts", mode: "IX", index: null });
  });

  it("marks transaction (2) as rolled back", () => {
    expect(report.victimIndex).toBe(2);
    expect(report.transactions.map((t) => t.rolledBack)).toEqual([false, true]);
  });
});

describe("no deadlock", () => {
  it("returns null when the section is absent (no deadlock since startup)", () => {
    const withoutDeadlock = mariadbStatus.replace(/-+\nLATEST DETECTED DEADLOCK\n[\s\S]*?(?=-+\nTRANSACTIONS\n)/, "");
    expect(withoutDeadlock).toContain("TRANSACTIONS");
    expect(parseLatestDeadlock(withoutDeadlock)).toBeNull();
    expect(parseLatestDeadlock("")).toBeNull();
  });
});
