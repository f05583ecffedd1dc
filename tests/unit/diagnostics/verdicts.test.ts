import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { healthVerdict, hikariVerdict, metricValue, parseHealth } from "@/lib/diagnostics/actuator-analysis";
import {
  groupIndexes,
  indexVerdict,
  lockWaitsVerdict,
  parseFlavour,
  hasInformationSchemaLockWaits,
  processlistVerdict,
  secondsBetween,
  transactionsVerdict,
  type LockWaitInfo,
  type TransactionInfo,
} from "@/lib/diagnostics/mysql-analysis";
import { slowLogSettings, slowQueryVerdict, unreadableSlowLog } from "@/lib/diagnostics/mysql-slow";
import { compare, parsePromAnswer, parsePromValue, promVerdict } from "@/lib/diagnostics/prometheus-analysis";
import * as redis from "@/lib/diagnostics/redis-analysis";

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
/** prom-captures/*.txt: the body, then a line "HTTP <status>" (some files hold the same request twice: take the first). */
function errorCapture(name: string) {
  const text = fixture(name);
  const m = /^HTTP (\d+)\s*$/m.exec(text);
  const status = Number(m?.[1]);
  const body = text.slice(0, m?.index ?? text.length).trim();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status, body, json };
}

const INFO_MEMORY =
  "# Memory\r\nused_memory:77709064\r\nused_memory_human:74.11M\r\nused_memory_rss:92106752\r\nused_memory_peak:77729472\r\n" +
  "used_memory_peak_human:74.13M\r\nmaxmemory:268435456\r\nmaxmemory_human:256.00M\r\nmaxmemory_policy:noeviction\r\nmem_fragmentation_ratio:1.19\r\n";

describe("Redis verdicts", () => {
  it("parses INFO (CRLF, section headers, string values)", () => {
    const f = redis.parseRedisInfo(INFO_MEMORY);
    expect(f.used_memory).toBe("77709064");
    expect(f.maxmemory_policy).toBe("noeviction");
    expect(Object.keys(f)).not.toContain("# Memory");
  });

  it("judges used/maxmemory: ok below 80 %, warning from 80 %, critical from 90 %", () => {
    const base = redis.memoryInfo(redis.parseRedisInfo(INFO_MEMORY));
    expect(redis.memoryVerdict(base).verdict).toBe("ok"); // 29 % of 256 MB
    expect(redis.memoryVerdict({ ...base, usedBytes: 0.8 * base.maxBytes }).verdict).toBe("warning");
    expect(redis.memoryVerdict({ ...base, usedBytes: 0.899 * base.maxBytes }).verdict).toBe("warning");
    expect(redis.memoryVerdict({ ...base, usedBytes: 0.9 * base.maxBytes }).verdict).toBe("critical");
    expect(redis.memoryVerdict({ ...base, usedBytes: 0.79 * base.maxBytes }).summary).toContain("79.0 % of maxmemory 256.0 MB");
  });

  it("says so when maxmemory is 0 (unlimited) instead of dividing by it", () => {
    const v = redis.memoryVerdict({
      usedBytes: 1_000_000,
      peakBytes: null,
      rssBytes: null,
      maxBytes: 0,
      fragmentationRatio: 13.72,
      policy: "noeviction",
    });
    expect(v.verdict).toBe("ok");
    expect(v.summary).toContain("no maxmemory limit");
    expect(v.summary).not.toContain("fragmentation"); // meaningless on a small instance
  });

  it("warns about an eviction policy that can evict lock keys", () => {
    const base = redis.memoryInfo(redis.parseRedisInfo(INFO_MEMORY));
    expect(redis.memoryVerdict({ ...base, policy: "allkeys-lru" }).summary).toContain("policy allkeys-lru may evict lock keys");
  });

  it("judges clients: blocked > 0 is a warning, near maxclients critical", () => {
    const c = redis.clientsInfo(redis.parseRedisInfo("connected_clients:12\r\nblocked_clients:0\r\nmaxclients:10000\r\n"));
    expect(redis.clientsVerdict(c).verdict).toBe("ok");
    expect(redis.clientsVerdict({ ...c, blocked: 2 })).toEqual({ verdict: "warning", summary: "12 connected of max 10000, 2 blocked" });
    expect(redis.clientsVerdict({ ...c, connected: 9_600 }).verdict).toBe("critical");
  });

  it("judges ping round trips", () => {
    expect([redis.pingVerdict(0.4), redis.pingVerdict(150), redis.pingVerdict(1500)]).toEqual(["ok", "warning", "critical"]);
  });

  it("reports lock counts, the longest TTLs first, keys without TTL and released keys", () => {
    const keys = [
      { key: "MY_LOCK:order:1001", type: "hash", pttlMs: 29_977 },
      { key: "MY_LOCK:stock:SKU-42", type: "hash", pttlMs: 9_962 },
      { key: "MY_LOCK:stale", type: "hash", pttlMs: -1 },
      { key: "MY_LOCK:gone", type: "none", pttlMs: -2 },
      { key: "MY_LOCK:note", type: "string", pttlMs: 50_000 },
    ];
    const r = redis.analyseLocks(keys, ["MY_LOCK:*"], false, 10_000);
    expect(r.count).toBe(4);
    expect(r.byType).toEqual({ hash: 3, string: 1 });
    expect(r.longest.map((k) => k.key)).toEqual(["MY_LOCK:note", "MY_LOCK:order:1001", "MY_LOCK:stock:SKU-42"]);
    expect(r.withoutTtl).toEqual(["MY_LOCK:stale"]);
    expect(r.released).toBe(1);
    expect(redis.lockVerdict(r)).toEqual({
      verdict: "warning",
      summary: "4 keys matching MY_LOCK:*; longest TTL 50.0 s (MY_LOCK:note); 1 without TTL (never expire)",
    });
    expect(redis.lockVerdict(redis.analyseLocks(keys.slice(0, 2), ["MY_LOCK:*"], true, 2)).summary).toContain(
      "scan stopped at 2 keys (truncated)",
    );
    expect(
      redis.analyseLocks(
        Array.from({ length: 15 }, (_, i) => ({ key: `k${i}`, type: "hash", pttlMs: 1000 + i })),
        ["k*"],
        false,
        100,
      ).longest,
    ).toHaveLength(10);
  });
});

const trx = (over: Partial<TransactionInfo>): TransactionInfo => ({
  trxId: "41",
  state: "RUNNING",
  startedAt: "2026-11-24 21:56:50",
  ageSeconds: 2,
  threadId: 25,
  query: null,
  rowsLocked: 1,
  rowsModified: 1,
  waitStartedAt: null,
  command: "Sleep",
  user: "app",
  host: "10.0.0.5:51710",
  idleInTransaction: true,
  ...over,
});

describe("MySQL verdicts", () => {
  it("detects the server flavour and which lock-wait tables exist", () => {
    expect(hasInformationSchemaLockWaits(parseFlavour("10.11.19-MariaDB-0+deb12u1"))).toBe(true);
    expect(hasInformationSchemaLockWaits(parseFlavour("8.0.36"))).toBe(false);
    expect(hasInformationSchemaLockWaits(parseFlavour("5.7.44-log"))).toBe(true);
  });

  it("flags long and idle-in-transaction transactions", () => {
    expect(transactionsVerdict([], 10)).toEqual({ verdict: "ok", summary: "no open InnoDB transactions" });
    expect(transactionsVerdict([trx({ ageSeconds: 3 })], 10).verdict).toBe("ok");
    const long = transactionsVerdict(
      [
        trx({ ageSeconds: 14 }),
        trx({ trxId: "42", state: "LOCK WAIT", ageSeconds: 2, idleInTransaction: false, query: "UPDATE t SET a=1" }),
      ],
      10,
    );
    expect(long.verdict).toBe("warning");
    expect(long.summary).toBe("2 open transactions; 1 open ≥ 10 s; 1 in LOCK WAIT; oldest 14 s: thread 25 idle in transaction");
    expect(transactionsVerdict([trx({ ageSeconds: 50 })], 10).verdict).toBe("critical");
  });

  it("describes a lock wait with the KILL that releases it", () => {
    const wait: LockWaitInfo = {
      waitAgeSeconds: 2,
      lockedTable: "`shop`.`orders`",
      lockedIndex: "PRIMARY",
      lockMode: "X",
      waitingTrxId: "30",
      waitingPid: 10,
      waitingQuery: "UPDATE orders SET status='CANCELLED' WHERE id=1",
      blockingTrxId: "29",
      blockingPid: 9,
      blockingQuery: null,
      blockingCommand: "Sleep",
      suggestedKill: "KILL 9",
    };
    expect(lockWaitsVerdict([])).toEqual({ verdict: "ok", summary: "no transaction is waiting for a lock" });
    expect(lockWaitsVerdict([wait])).toEqual({
      verdict: "warning",
      summary: "1 lock wait; thread 10 waits 2 s on `shop`.`orders` for thread 9 (idle in transaction); KILL 9 releases it",
    });
    expect(lockWaitsVerdict([{ ...wait, waitAgeSeconds: 25 }]).verdict).toBe("critical");
  });

  it("judges long queries and connection saturation", () => {
    const q = { id: 7, user: "app", host: "h", db: "shop", command: "Query", timeSeconds: 8, state: "User sleep", info: "SELECT SLEEP(8)" };
    const counts = { total: 20, sleeping: 15, maxConnections: 151 };
    expect(processlistVerdict([], 5, counts)).toEqual({
      verdict: "ok",
      summary: "no query running ≥ 5 s; 20 connections of max_connections 151 (15 sleeping)",
    });
    expect(processlistVerdict([q], 5, counts).verdict).toBe("warning");
    expect(processlistVerdict([{ ...q, timeSeconds: 61 }], 5, counts).verdict).toBe("critical");
    expect(processlistVerdict([], 5, { ...counts, total: 140 }).verdict).toBe("critical");
  });

  it("computes ages between two server-local times", () => {
    expect(secondsBetween("2026-11-24 21:57:14", "2026-11-24 22:00:00")).toBe(166);
  });

  it("groups SHOW INDEX rows and warns when no index starts with the expected column", () => {
    const rows = [
      { Table: "orders", Non_unique: 0, Key_name: "PRIMARY", Seq_in_index: 1, Column_name: "id" },
      { Table: "orders", Non_unique: 1, Key_name: "idx_status_user", Seq_in_index: 2, Column_name: "user_id" },
      { Table: "orders", Non_unique: 1, Key_name: "idx_status_user", Seq_in_index: 1, Column_name: "status" },
    ];
    const indexes = groupIndexes(rows);
    expect(indexes).toEqual([
      { name: "PRIMARY", unique: true, columns: ["id"] },
      { name: "idx_status_user", unique: false, columns: ["status", "user_id"] },
    ]);
    expect(indexVerdict("orders", indexes, ["user_id"]).verdict).toBe("warning");
    expect(indexVerdict("orders", indexes, ["status"]).verdict).toBe("ok");
  });

  it("reads the slow-log settings and refuses to pretend when the log is not a table", () => {
    const file = slowLogSettings({
      log_output: "FILE",
      slow_query_log: "ON",
      long_query_time: "10.000000",
      slow_query_log_file: "/var/lib/mysql/db-slow.log",
    });
    expect(unreadableSlowLog(file, 3)?.summary).toBe(
      "slow log is not written to a table (log_output=FILE, long_query_time=10 s); read the file /var/lib/mysql/db-slow.log; Slow_queries counter since start: 3",
    );
    expect(unreadableSlowLog(slowLogSettings({ log_output: "TABLE", slow_query_log: "OFF" }), null)?.verdict).toBe("warning");
    expect(unreadableSlowLog(slowLogSettings({ log_output: "FILE,TABLE", slow_query_log: "ON" }), null)).toBeNull();
    expect(slowQueryVerdict(0, { windowMinutes: 15, warningCount: 5, criticalCount: 50 })).toBe("ok");
    expect(slowQueryVerdict(7, { windowMinutes: 15, warningCount: 5, criticalCount: 50 })).toBe("warning");
    expect(slowQueryVerdict(50, { windowMinutes: 15, warningCount: 5, criticalCount: 50 })).toBe("critical");
  });
});

describe("Actuator verdicts", () => {
  it("reads health V3 with nested components; DOWN is critical and names the failing component", () => {
    const h = parseHealth({
      status: "DOWN",
      components: {
        db: { status: "DOWN", details: { database: "MySQL", error: "Connection is not available" } },
        diskSpace: { status: "UP", details: { total: 1, free: 1, threshold: 10485760, path: "/app/.", exists: true } },
        redis: { status: "UP", details: { version: "7.0.15" } },
      },
    });
    expect(h && healthVerdict(h)).toEqual({ verdict: "critical", summary: "status DOWN; db DOWN" });
    const up = parseHealth({ status: "UP" });
    expect(up && healthVerdict(up).summary).toContain("no components shown");
    expect(parseHealth("Service Unavailable")).toBeNull();
  });

  it("reads Spring metric JSON: VALUE for gauges, COUNT for counters", () => {
    expect(
      metricValue({ name: "hikaricp.connections.active", measurements: [{ statistic: "VALUE", value: 3.0 }], availableTags: [] }),
    ).toBe(3);
    expect(metricValue({ name: "hikaricp.connections.timeout", measurements: [{ statistic: "COUNT", value: 12 }] })).toBe(12);
    expect(metricValue({ name: "x", measurements: [] })).toBeNull();
  });

  it("is critical when threads wait and every connection is in use; warns at 80 % or new timeouts", () => {
    expect(hikariVerdict({ active: 10, idle: 0, pending: 7, max: 10, timeouts: 3 }, null)).toEqual({
      verdict: "critical",
      summary: "pool exhausted, active 10/10, idle 0, 7 threads waiting, 3 acquire timeouts since start",
    });
    expect(hikariVerdict({ active: 3, idle: 7, pending: 0, max: 10, timeouts: 0 }, 0).verdict).toBe("ok");
    expect(hikariVerdict({ active: 8, idle: 2, pending: 0, max: 10, timeouts: 0 }, 0).verdict).toBe("warning");
    const more = hikariVerdict({ active: 3, idle: 7, pending: 0, max: 10, timeouts: 5 }, 2);
    expect(more.verdict).toBe("warning");
    expect(more.summary).toContain("(+3 since the last check)");
  });
});

describe("Prometheus answers (captured from Prometheus 2.42)", () => {
  it("parses vector, scalar and range-selector answers; values are strings", () => {
    const p95 = parsePromAnswer(200, JSON.parse(fixture("query_p95.json")), "");
    expect(p95.ok && p95.samples[0].value).toBeCloseTo(2.3888888888888884);
    const vector = parsePromAnswer(200, JSON.parse(fixture("query_vector.json")), "");
    expect(vector.ok && vector.samples[0].metric.job).toBe("order-service");
    const scalar = parsePromAnswer(200, JSON.parse(fixture("query_scalar.json")), "");
    expect(scalar.ok && scalar.samples.map((s) => s.value)).toEqual([7]);
    const matrix = parsePromAnswer(200, JSON.parse(fixture("query_matrix_instant.json")), "");
    expect(matrix.ok && matrix.resultType).toBe("matrix");
    expect(matrix.ok && matrix.samples[0].value).toBe(10);
  });

  it("maps the error JSON and guards the plain-text 405", () => {
    for (const [name, errorType] of [
      ["error_parse.txt", "bad_data"],
      ["error_execution.txt", "execution"],
      ["error_timeout.txt", "timeout"],
    ] as const) {
      const c = errorCapture(name);
      const parsed = parsePromAnswer(c.status, c.json, c.body);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.errorType).toBe(errorType);
    }
    const method = errorCapture("error_method.txt");
    expect(method.json).toBeUndefined();
    const parsed = parsePromAnswer(method.status, method.json, method.body);
    expect(!parsed.ok && parsed.message).toBe("HTTP 405, not JSON: Method Not Allowed");
  });

  it("compares with NaN and ±Inf the way PromQL does", () => {
    expect([parsePromValue("NaN"), parsePromValue("+Inf"), parsePromValue("-Inf"), parsePromValue("0.2")]).toEqual([
      NaN,
      Infinity,
      -Infinity,
      0.2,
    ]);
    expect(compare(NaN, ">", 1)).toBe(false);
    expect(compare(NaN, "!=", 1)).toBe(false);
    expect(compare(Infinity, ">", 1)).toBe(true);
    expect(compare(1, ">=", 1)).toBe(true);
  });

  it("judges samples against warning and critical thresholds", () => {
    const s = (value: number, job: string) => ({ metric: { job }, value, raw: String(value), timestamp: 0 });
    expect(promVerdict([], { comparator: ">", warning: 1 })).toEqual({ verdict: "ok", summary: "the query returned no series" });
    expect(promVerdict([s(0.4, "a")], { comparator: ">", warning: 1 }).verdict).toBe("ok");
    expect(promVerdict([s(0.4, "a"), s(2.39, "b")], { comparator: ">", warning: 1, critical: 2 })).toEqual({
      verdict: "critical",
      summary: '2 series; 1 > 2: 2.39{job="b"}',
    });
    expect(promVerdict([s(NaN, "a")], { comparator: ">", warning: 1 }).verdict).toBe("ok");
    expect(promVerdict([s(30, "a")], { comparator: "<", warning: 50 }).verdict).toBe("warning");
  });
});
