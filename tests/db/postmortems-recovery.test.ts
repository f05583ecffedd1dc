// Recovery verification (manual section 4) end to end: admin-defined checks seeded from the manual,
// HTTP checks against a local server playing the shop's actuator, read-only SQL checks against the real
// MariaDB on this machine (as a SELECT-only account created here; root is refused), results on the
// timeline, raw results only for the roles that may run checks, and the resolve guard for P0/P1.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mysql from "mysql2/promise";
import { prisma } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { changeIncident, declareIncident, getTimeline } from "@/lib/server/incidents";
import { getRecoveryState, runRecovery } from "@/lib/server/postmortems/recovery";
import { createPostmortem } from "@/lib/server/postmortems/create";
import {
  createRecoveryCheck,
  deleteRecoveryCheck,
  listRecoveryChecks,
  updateRecoveryCheck,
} from "@/lib/server/postmortems/recovery-checks";
import { runSqlCheck } from "@/lib/server/postmortems/recovery-runner";
import { recoveryConfig } from "@/lib/server/postmortems/recovery-config";
import { recoveryCheckInput } from "@/lib/domain/recovery-checks";
import { actorFor, actorsFor } from "../support/actors";
import { expectAppError } from "../support/app-error";

const MARIADB_ROOT = process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";
// One database per provider run, so the SQLite and PostgreSQL runs never share shop data.
const SHOP_DB = `ic_pm_recovery_${process.env.DATABASE_URL?.startsWith("postgres") ? "pg" : "sqlite"}`;
const CHECKS_USER = `${SHOP_DB}_ro`.slice(0, 32);
const CHECKS_PASSWORD = `pw-${process.pid}-${Date.now()}`;

let commander: Actor;
let responder: Actor;
let admin: Actor;
let viewer: Actor;
let actuator: Server;
let shop: mysql.Connection;
let rootShopUrl: string;
const actuatorState = { healthStatus: 200, hang: false, charges: [] as unknown[] };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => resolve(body));
  });
}

beforeAll(async () => {
  ({ commander, responder, admin, viewer } = await actorsFor("commander", "responder", "admin", "viewer"));
  actuator = createServer(
    (req, res) =>
      void (async () => {
        const body = await readBody(req);
        if (actuatorState.hang) return; // never answers: the check's timeout must end it
        const json = (status: number, value: unknown) =>
          res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
        if (req.url === "/actuator/health")
          return json(actuatorState.healthStatus, { status: actuatorState.healthStatus === 200 ? "UP" : "DOWN" });
        if (req.url?.startsWith("/actuator/metrics/"))
          return json(200, { name: req.url.slice(18), measurements: [{ statistic: "VALUE", value: 3 }] });
        if (req.method === "POST" && (req.url === "/points/charge" || req.url === "/orders/order-and-pay")) {
          actuatorState.charges.push({ url: req.url, body: JSON.parse(body) });
          return json(200, { ok: true });
        }
        json(404, { error: "not found" });
      })(),
  );
  await new Promise<void>((resolve) => actuator.listen(0, "127.0.0.1", resolve));
  const port = (actuator.address() as AddressInfo).port;

  const root = await mysql.createConnection(MARIADB_ROOT);
  await root.query(`DROP DATABASE IF EXISTS ${SHOP_DB}`);
  await root.query(`CREATE DATABASE ${SHOP_DB}`);
  // The account the checks run as: SELECT on the shop's database and nothing else (README).
  await root.query(`DROP USER IF EXISTS '${CHECKS_USER}'@'%'`);
  await root.query(`CREATE USER '${CHECKS_USER}'@'%' IDENTIFIED BY '${CHECKS_PASSWORD}'`);
  await root.query(`GRANT SELECT ON ${SHOP_DB}.* TO '${CHECKS_USER}'@'%'`);
  await root.end();
  const url = new URL(MARIADB_ROOT);
  url.pathname = `/${SHOP_DB}`;
  rootShopUrl = url.toString();
  shop = await mysql.createConnection(rootShopUrl);
  await shop.query("CREATE TABLE point_history (id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL, amount INT NOT NULL)");
  await shop.query("CREATE TABLE orders (id INT PRIMARY KEY, total_amount INT NOT NULL, status VARCHAR(20) NOT NULL)");
  await shop.query("CREATE TABLE payments (id INT AUTO_INCREMENT PRIMARY KEY, order_id INT NOT NULL, amount INT)");
  await shop.query("INSERT INTO point_history (user_id, amount) VALUES (1, 1000), (1, -300), (2, 500)");
  await shop.query("INSERT INTO orders VALUES (1, 10000, 'COMPLETED'), (2, 5000, 'PENDING')");
  await shop.query("INSERT INTO payments (order_id, amount) VALUES (1, 10000)");

  process.env.ACTUATOR_URL = `http://127.0.0.1:${port}`;
  const checksUrl = new URL(url);
  checksUrl.username = CHECKS_USER;
  checksUrl.password = CHECKS_PASSWORD;
  process.env.RECOVERY_MYSQL_URL = checksUrl.toString();
  process.env.RECOVERY_TIMEOUT_MS = "1500";
});

afterAll(async () => {
  await shop?.query(`DROP DATABASE IF EXISTS ${SHOP_DB}`).catch(() => undefined);
  await shop?.query(`DROP USER IF EXISTS '${CHECKS_USER}'@'%'`).catch(() => undefined);
  await shop?.end();
  await new Promise((resolve) => actuator?.close(resolve));
});

describe(`recovery verification on ${process.env.DATABASE_URL?.split(":")[0]} + MariaDB`, () => {
  it("seeds the manual's checks once; smoke POSTs are marked as changing data", async () => {
    const checks = await listRecoveryChecks();
    expect(checks.map((c) => c.id)).toEqual([
      "health",
      "points-charge",
      "order-and-pay",
      "metrics-http-requests",
      "metrics-hikari-active",
      "point-balance-consistency",
      "order-payment-consistency",
    ]);
    expect(checks.filter((c) => c.changesData).map((c) => c.id)).toEqual(["points-charge", "order-and-pay"]);
    expect(checks.every((c) => c.enabled && c.definition !== null)).toBe(true);
    expect(await listRecoveryChecks()).toHaveLength(7); // not seeded twice
  });

  it("runs with one click: HTTP and read-only SQL checks pass, the smoke POSTs are not sent, the timeline has the result", async () => {
    const incident = await declareIncident(commander, { title: "Checkout 500", severity: "P0" });
    const batch = await runRecovery(responder, incident.id);
    expect(batch).toMatchObject({ ok: true, passed: 5, total: 5, actorName: "Responder Park" });
    expect(batch.results.map((r) => r.checkId).sort()).toEqual([
      "health",
      "metrics-hikari-active",
      "metrics-http-requests",
      "order-payment-consistency",
      "point-balance-consistency",
    ]);
    expect(batch.results.find((r) => r.checkId === "health")?.summary).toMatch(/^HTTP 200 in \d+ ms, body contains "UP"$/);
    expect(batch.results.find((r) => r.checkId === "point-balance-consistency")?.summary).toMatch(/^No inconsistent rows/);
    expect(actuatorState.charges).toEqual([]);
    expect(await prisma.recoveryRun.count({ where: { incidentId: incident.id, batchId: batch.batchId } })).toBe(5);
    const event = (await getTimeline(incident.id)).find((e) => e.kind === "recovery");
    expect(event?.message).toBe("복구 검증 통과: 5/5 (Recovery verification passed)");
    const state = await getRecoveryState(responder, incident.id);
    expect(state).toMatchObject({ passing: true, reasonRequiredToResolve: false, latest: { batchId: batch.batchId } });
    await expectAppError(runRecovery(viewer, incident.id), "forbidden");
  });

  it("finds inconsistent data and a failing health check, and says what failed", async () => {
    const incident = await declareIncident(commander, { title: "Points negative", severity: "P1" });
    await shop.query("INSERT INTO point_history (user_id, amount) VALUES (3, -700)");
    await shop.query("INSERT INTO orders VALUES (3, 7000, 'COMPLETED')");
    actuatorState.healthStatus = 503;
    try {
      const batch = await runRecovery(responder, incident.id);
      expect(batch).toMatchObject({ ok: false, passed: 2, total: 5 });
      const by = Object.fromEntries(batch.results.map((r) => [r.checkId, r]));
      expect(by.health.summary).toMatch(/^Expected HTTP 200, got 503/);
      expect(by["point-balance-consistency"].summary).toBe('1 inconsistent row, e.g. {"user_id":3,"calculated_balance":"-700"}');
      expect(by["order-payment-consistency"]).toMatchObject({
        ok: false,
        data: { rowCount: 1, rows: [{ id: 3, total_amount: 7000, amount: null }] },
      });
      const event = (await getTimeline(incident.id)).find((e) => e.kind === "recovery");
      expect(event?.message).toContain("복구 검증 실패: 2/5 통과 — 실패: 기본 헬스 체크");
    } finally {
      actuatorState.healthStatus = 200;
      await shop.query("DELETE FROM point_history WHERE user_id = 3");
      await shop.query("DELETE FROM orders WHERE id = 3");
    }
  });

  it("raw rows only for the roles that may run checks: managers and viewers get the verdict, in the report too", async () => {
    const incident = await declareIncident(commander, { title: "Secret rows", severity: "P2" });
    await shop.query("INSERT INTO point_history (user_id, amount) VALUES (4, -123456)");
    try {
      await runRecovery(responder, incident.id, { checkIds: ["point-balance-consistency", "health"] });
    } finally {
      await shop.query("DELETE FROM point_history WHERE user_id = 4");
    }
    const manager = await actorFor("manager");
    for (const reader of [commander, responder, admin]) {
      const sql = (await getRecoveryState(reader, incident.id)).latest?.results.find((r) => r.checkId === "point-balance-consistency");
      expect(sql).toMatchObject({ ok: false, summary: expect.stringContaining("-123456"), data: { rowCount: 1, rows: [{ user_id: 4 }] } });
      expect(sql?.redacted).toBeUndefined();
    }
    for (const reader of [viewer, manager]) {
      const state = await getRecoveryState(reader, incident.id);
      expect(JSON.stringify(state.latest)).not.toContain("123456");
      const byId = Object.fromEntries((state.latest?.results ?? []).map((r) => [r.checkId, r]));
      expect(byId["point-balance-consistency"]).toMatchObject({
        ok: false,
        summary: "1 inconsistent row",
        data: null,
        redacted: true,
        kind: "sql",
        rowCount: 1,
      });
      expect(byId.health).toMatchObject({
        ok: true,
        summary: expect.stringMatching(/^HTTP 200/),
        data: null,
        redacted: true,
        kind: "http",
      });
    }
    // The postmortem is read by every role: it records the verdict, not the rows.
    const resolved = await changeIncident(commander, incident.id, { status: "resolved", version: incident.version });
    const pm = await createPostmortem(responder, resolved.id);
    expect(pm.sections.verification).toContain("불일치 행 1개");
    expect(pm.sections.verification).not.toContain("123456");
  });

  it("refuses to run SQL checks as root, says why and how to fix it, and still runs the HTTP checks", async () => {
    const incident = await declareIncident(commander, { title: "Root account", severity: "P3" });
    const previous = process.env.RECOVERY_MYSQL_URL;
    process.env.RECOVERY_MYSQL_URL = rootShopUrl;
    try {
      const batch = await runRecovery(responder, incident.id);
      const sql = batch.results.find((r) => r.checkId === "point-balance-consistency");
      expect(sql?.ok).toBe(false);
      expect(sql?.summary).toMatch(
        /^Refused to run SQL checks as root@[^ ]+ on 127\.0\.0\.1:3306\/ic_pm_recovery_\w+: the account can write or change data or schema \(ALL PRIVILEGES ON \*\.\*\); can read or write files on the database host/,
      );
      expect(sql?.summary).toContain("Set RECOVERY_MYSQL_URL to a dedicated account with SELECT only");
      expect(sql?.data).toMatchObject({
        account: { dialect: "mysql", problems: expect.arrayContaining([{ kind: "files", detail: "ALL PRIVILEGES ON *.*" }]) },
        fix: expect.stringContaining(`GRANT SELECT ON ${SHOP_DB}.* TO 'ic_checks'@'%';`),
      });
      expect(batch.results.find((r) => r.checkId === "health")?.ok).toBe(true);
      delete process.env.RECOVERY_MYSQL_URL;
      const unset = await runRecovery(responder, incident.id, { checkIds: ["order-payment-consistency"] });
      expect(unset.results[0]).toMatchObject({
        ok: false,
        summary: expect.stringMatching(/^Not configured: set RECOVERY_MYSQL_URL to a read-only MariaDB\/MySQL account/),
      });
    } finally {
      process.env.RECOVERY_MYSQL_URL = previous;
    }
  });

  it("resolving a P0/P1 without a passing verification needs a reason; P2 does not", async () => {
    const p1 = await declareIncident(commander, { title: "Order API slow", severity: "P1" });
    const refused = await expectAppError(
      changeIncident(commander, p1.id, { status: "resolved", version: p1.version }),
      "validation_failed",
    );
    expect(refused.message).toContain("none has run yet");
    expect(refused.fields?.reason).toBe(refused.message);

    actuatorState.healthStatus = 500;
    await runRecovery(responder, p1.id);
    actuatorState.healthStatus = 200;
    const failed = await expectAppError(changeIncident(commander, p1.id, { status: "resolved", version: p1.version }), "validation_failed");
    expect(failed.message).toMatch(/latest recovery verification \(.+\) failed 1 of 5 checks \(기본 헬스 체크\)/);
    expect((await prisma.incident.findUniqueOrThrow({ where: { id: p1.id } })).status).toBe("investigating");

    const withReason = await changeIncident(commander, p1.id, {
      status: "resolved",
      reason: "health endpoint flaky; orders verified by hand",
      version: p1.version,
    });
    expect(withReason.status).toBe("resolved");
    const resolvedEvent = (await getTimeline(p1.id)).find((e) => e.kind === "resolved");
    expect(resolvedEvent?.data).toMatchObject({ reason: "health endpoint flaky; orders verified by hand" });

    const p0 = await declareIncident(commander, { title: "Shop down", severity: "P0" });
    await runRecovery(responder, p0.id);
    expect((await changeIncident(commander, p0.id, { status: "resolved", version: p0.version })).status).toBe("resolved");
    // The passing run is the report's verification evidence, linked to its timeline event.
    const pm = await createPostmortem(responder, p0.id);
    expect(pm.sections.verification).toMatch(/^복구 검증 \(\d{4}-\d\d-\d\d \d\d:\d\d, Responder Park\): 5\/5 통과\n- \[통과\] /);
    const fact = pm.facts.find((f) => f.key.startsWith("recovery:"));
    const event = (await getTimeline(p0.id)).find((e) => e.kind === "recovery");
    expect(fact).toMatchObject({ field: "verification", source: { kind: "timeline", id: event?.id } });

    const p2 = await declareIncident(commander, { title: "Coupon lag", severity: "P2" });
    expect((await changeIncident(commander, p2.id, { status: "resolved", version: p2.version })).status).toBe("resolved");
  });

  it("data-changing smoke requests run only when confirmed, with the manual's bodies", async () => {
    const incident = await declareIncident(commander, { title: "Charge failing", severity: "P1" });
    await expectAppError(runRecovery(responder, incident.id, { checkIds: ["points-charge"] }), "validation_failed");
    expect(actuatorState.charges).toEqual([]);
    const batch = await runRecovery(responder, incident.id, { checkIds: ["health", "points-charge"], includeDataChanging: true });
    expect(batch).toMatchObject({ ok: true, total: 2 });
    expect(actuatorState.charges).toEqual([{ url: "/points/charge", body: { userId: 1, amount: 1000 } }]);
    const all = await runRecovery(responder, incident.id, { includeDataChanging: true });
    expect(all.total).toBe(7);
    await expectAppError(runRecovery(responder, incident.id, { checkIds: ["nope"] }), "validation_failed");
    actuatorState.charges.length = 0;
  });

  it("bounds every check by its timeout: a hung actuator and a slow query fail instead of blocking", async () => {
    const incident = await declareIncident(commander, { title: "Hung", severity: "P2" });
    actuatorState.hang = true;
    const started = Date.now();
    try {
      const batch = await runRecovery(responder, incident.id, { checkIds: ["health"] });
      expect(batch.results[0]).toMatchObject({ ok: false, summary: expect.stringMatching(/^No answer within 1500 ms/) });
    } finally {
      actuatorState.hang = false;
    }
    expect(Date.now() - started).toBeLessThan(4_000);
    const slow = await runSqlCheck(
      {
        id: "slow",
        kind: "sql",
        title: { ko: "느린", en: "slow" },
        expect: "no_rows",
        query:
          "SELECT COUNT(*) AS n FROM information_schema.columns a, information_schema.columns b, information_schema.columns c HAVING COUNT(*) < 0",
      },
      { ...recoveryConfig(), timeoutMs: 300 },
    );
    expect(slow.ok).toBe(false);
    expect(slow.summary).toMatch(/max_statement_time|interrupted|No answer within|timeout/i);
  });

  it("never sends a query that is not one plain SELECT, and runs inside a read-only transaction", async () => {
    const refused = await runSqlCheck(
      { id: "bad", kind: "sql", title: { ko: "나쁜", en: "bad" }, expect: "no_rows", query: "DELETE FROM point_history" },
      recoveryConfig(),
    );
    expect(refused).toMatchObject({ ok: false, durationMs: 0 });
    expect(refused.summary).toMatch(/^Refused, not sent to the database/);
    const [[count]] = await shop.query<mysql.RowDataPacket[]>("SELECT COUNT(*) AS n FROM point_history");
    expect(Number(count.n)).toBe(3);
    // A definition changed behind the app's back (straight in the database) is shown as invalid and never run.
    await prisma.recoveryCheck.update({
      where: { id: "order-payment-consistency" },
      data: {
        definition: {
          id: "order-payment-consistency",
          kind: "sql",
          title: { ko: "x", en: "x" },
          query: "UPDATE orders SET status = 'X'",
          expect: "no_rows",
        },
      },
    });
    const tampered = (await listRecoveryChecks()).find((c) => c.id === "order-payment-consistency");
    expect(tampered).toMatchObject({ definition: null, invalid: expect.stringContaining("must start with SELECT") });
    const incident = await declareIncident(commander, { title: "Tampered", severity: "P3" });
    await expectAppError(runRecovery(responder, incident.id, { checkIds: ["order-payment-consistency"] }), "validation_failed");
    const batch = await runRecovery(responder, incident.id);
    expect(batch.results.map((r) => r.checkId)).not.toContain("order-payment-consistency");
    const [[orders]] = await shop.query<mysql.RowDataPacket[]>("SELECT COUNT(*) AS n FROM orders WHERE status = 'X'");
    expect(Number(orders.n)).toBe(0);
  });

  it("admins define checks (validated, audited); others cannot; user input never becomes SQL", async () => {
    expect(
      recoveryCheckInput.safeParse({ id: "drop", kind: "sql", title: { ko: "a", en: "a" }, query: "DROP TABLE orders", expect: "no_rows" })
        .success,
    ).toBe(false);
    expect(
      recoveryCheckInput.safeParse({
        id: "ssrf",
        kind: "http",
        title: { ko: "a", en: "a" },
        method: "GET",
        path: "//evil.example/x",
        expectStatus: 200,
      }).success,
    ).toBe(false);
    const input = recoveryCheckInput.parse({
      id: "pending-orders",
      kind: "sql",
      title: { ko: "오래된 대기 주문", en: "Stale pending orders" },
      query: "SELECT id FROM orders WHERE status = 'PENDING' AND id > 100",
      expect: "no_rows",
    });
    await expectAppError(createRecoveryCheck(responder, input), "forbidden");
    const created = await createRecoveryCheck(admin, input);
    expect(created).toMatchObject({ id: "pending-orders", enabled: true, changesData: false });
    await expectAppError(createRecoveryCheck(admin, input), "conflict");
    const disabled = await updateRecoveryCheck(admin, "health", { enabled: false });
    expect(disabled.enabled).toBe(false);
    const edited = await updateRecoveryCheck(admin, "health", {
      definition: recoveryCheckInput.parse({
        id: "health",
        kind: "http",
        title: { ko: "헬스", en: "Health" },
        method: "GET",
        path: "/actuator/health/liveness",
        expectStatus: 200,
      }),
    });
    expect(edited.definition).toMatchObject({ path: "/actuator/health/liveness", section: "4.1" });
    await expectAppError(updateRecoveryCheck(admin, "health", { definition: input }), "validation_failed"); // id cannot change
    const incident = await declareIncident(commander, { title: "After edit", severity: "P3" });
    const batch = await runRecovery(responder, incident.id);
    expect(batch.results.map((r) => r.checkId)).toContain("pending-orders");
    expect(batch.results.map((r) => r.checkId)).not.toContain("health");
    await deleteRecoveryCheck(admin, "pending-orders");
    expect((await listRecoveryChecks()).map((c) => c.id)).not.toContain("pending-orders");
    const audits = await prisma.auditLog.findMany({ where: { entity: "recoveryCheck" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual([
      "recoveryCheck.create",
      "recoveryCheck.update",
      "recoveryCheck.update",
      "recoveryCheck.delete",
    ]);
  });
});
