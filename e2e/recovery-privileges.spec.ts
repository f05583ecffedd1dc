// Recovery checks run with the least privilege, enforced by the database (issue 11): Settings inspects the
// SQL-check account and refuses one that can read files, saying what is wrong and the fix (ko and en);
// once the grant is revoked the same account is accepted. A responder sees the rows a consistency check
// found; a viewer of the same incident sees only the verdict, in the room and in the API.
import { expect, test, type Browser, type Page } from "@playwright/test";
import mysql from "mysql2/promise";
import { stateFile } from "./support/auth";
import { E2E_PORTS } from "./support/env";
import { E2E_MARIADB_ROOT, E2E_RECOVERY_DB, E2E_RECOVERY_PASSWORD, E2E_RECOVERY_USER } from "./support/recovery";
import type { Role } from "../lib/domain/roles";

const baseURL = `http://localhost:${E2E_PORTS[0]}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/recovery-${name}.png`, fullPage: true });
const account = `'${E2E_RECOVERY_USER}'@'%'`;
let root: mysql.Connection;

async function as(browser: Browser, role: Role, locale: "ko-KR" | "en-US" = "ko-KR", width = 1280) {
  const context = await browser.newContext({
    storageState: stateFile(role),
    baseURL,
    locale,
    timezoneId: "Asia/Seoul",
    viewport: { width, height: 900 },
  });
  return { context, page: await context.newPage() };
}

test.beforeAll(async () => {
  root = await mysql.createConnection(E2E_MARIADB_ROOT);
  await root.query(`DROP DATABASE IF EXISTS ${E2E_RECOVERY_DB}`);
  await root.query(`CREATE DATABASE ${E2E_RECOVERY_DB}`);
  await root.query(
    `CREATE TABLE ${E2E_RECOVERY_DB}.point_history (id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL, amount INT NOT NULL)`,
  );
  await root.query(`CREATE TABLE ${E2E_RECOVERY_DB}.orders (id INT PRIMARY KEY, total_amount INT NOT NULL, status VARCHAR(20) NOT NULL)`);
  await root.query(`CREATE TABLE ${E2E_RECOVERY_DB}.payments (id INT AUTO_INCREMENT PRIMARY KEY, order_id INT NOT NULL, amount INT)`);
  await root.query(`INSERT INTO ${E2E_RECOVERY_DB}.point_history (user_id, amount) VALUES (1, 1000), (7, -4321)`);
  await root.query(`DROP USER IF EXISTS ${account}`);
  await root.query(`CREATE USER ${account} IDENTIFIED BY '${E2E_RECOVERY_PASSWORD}'`);
  await root.query(`GRANT SELECT ON ${E2E_RECOVERY_DB}.* TO ${account}`);
  await root.query(`GRANT FILE ON *.* TO ${account}`); // one privilege too many
});

test.afterAll(async () => {
  await root.query(`DROP USER IF EXISTS ${account}`).catch(() => undefined);
  await root.query(`DROP DATABASE IF EXISTS ${E2E_RECOVERY_DB}`).catch(() => undefined);
  await root.end();
});

test("Settings refuses an account that can read files, says why and the fix; a SELECT-only account is accepted", async ({ browser }) => {
  const ko = await as(browser, "admin");
  await ko.page.goto("/settings");
  const mysqlRow = ko.page.getByTestId("recovery-account-mysql");
  await expect(mysqlRow).toHaveAttribute("data-state", "refused");
  await expect(mysqlRow).toContainText(`계정 ${E2E_RECOVERY_USER}@%: 읽기 전용보다 큰 권한이 있어 SQL 검사 실행을 거부합니다.`);
  await expect(mysqlRow.locator("[data-kind=files]")).toContainText("DB 서버의 파일을 읽거나 쓸 수 있음: FILE ON *.*");
  await expect(mysqlRow).toContainText("RECOVERY_MYSQL_URL");
  await expect(mysqlRow.locator("pre")).toHaveText(
    `CREATE USER 'ic_checks'@'%' IDENTIFIED BY '<a long random password>';\nGRANT SELECT ON ${E2E_RECOVERY_DB}.* TO 'ic_checks'@'%';`,
  );
  await expect(ko.page.getByTestId("recovery-account-postgresql")).toHaveAttribute("data-state", "unset");
  await ko.page.getByTestId("recovery-settings").screenshot({ path: "test-results/screens/recovery-settings-refused-ko.png" });
  await ko.context.close();

  const en = await as(browser, "admin", "en-US", 390);
  await en.page.goto("/settings");
  const enRow = en.page.getByTestId("recovery-account-mysql");
  await expect(enRow).toContainText("SQL checks are refused, the account has more than read-only rights.");
  await expect(enRow.locator("[data-kind=files]")).toContainText("can read or write files on the database host: FILE ON *.*");
  await enRow.scrollIntoViewIfNeeded();
  await en.page.getByTestId("recovery-settings").screenshot({ path: "test-results/screens/recovery-settings-refused-en-390.png" });

  await root.query(`REVOKE FILE ON *.* FROM ${account}`);
  await en.page.reload();
  await expect(enRow).toHaveAttribute("data-state", "ok");
  await expect(enRow).toContainText(`as ${E2E_RECOVERY_USER}@%: read-only (SELECT only)`);
  await en.context.close();
});

test("a responder sees the rows a check found; a viewer sees the verdict only", async ({ browser }) => {
  await root.query(`REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${account}`);
  await root.query(`GRANT SELECT ON ${E2E_RECOVERY_DB}.* TO ${account}`);
  const responder = await as(browser, "responder");
  const created = await responder.page.request.post("/api/v1/incidents", { data: { title: `포인트 음수 ${Date.now()}`, severity: "P2" } });
  expect(created.status()).toBe(201);
  const incident = await created.json();
  await responder.page.goto(`/incidents/${incident.id}`);
  await responder.page.getByTestId("run-recovery").click();
  const summary = responder.page.getByTestId("recovery-summary-point-balance-consistency");
  await expect(summary).toContainText('1 inconsistent row, e.g. {"user_id":7,"calculated_balance":"-4321"}');
  await expect(responder.page.getByTestId("recovery-summary-order-payment-consistency")).toContainText("No inconsistent rows");
  await shot(responder.page, "room-responder");
  await responder.context.close();

  for (const [locale, width, text] of [
    ["ko-KR", 1280, "불일치 행 1개"],
    ["en-US", 390, "1 inconsistent row"],
  ] as const) {
    const viewer = await as(browser, "viewer", locale, width);
    await viewer.page.goto(`/incidents/${incident.id}`);
    const redacted = viewer.page.getByTestId("recovery-summary-point-balance-consistency");
    await expect(redacted).toHaveAttribute("data-redacted", "true");
    await expect(redacted).toHaveText(text);
    await expect(viewer.page.getByTestId("recovery-panel")).not.toContainText("4321");
    await expect(viewer.page.getByTestId("recovery-redacted-hint")).toBeVisible();
    await expect(viewer.page.getByTestId("run-recovery")).toHaveCount(0);
    await viewer.page.getByTestId("recovery-panel").scrollIntoViewIfNeeded();
    await shot(viewer.page, `room-viewer-${locale}-${width}`);
    const api = await (await viewer.page.request.get(`/api/v1/incidents/${incident.id}/recovery`)).json();
    const result = api.latest.results.find((r: { checkId: string }) => r.checkId === "point-balance-consistency");
    expect(result).toMatchObject({ ok: false, summary: "1 inconsistent row", data: null, redacted: true, rowCount: 1 });
    expect(JSON.stringify(api)).not.toContain("4321");
    await viewer.context.close();
  }
});
