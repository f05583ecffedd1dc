// Postmortem journeys: recovery verification before resolving, a postmortem written from the resolved
// incident with prefilled facts, autosave and reload, two editors on one field (refused, merged, nothing
// lost), export and print against the manual's template, and read-only viewers.
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";
import { contextAs, pageAs } from "./support/auth";
import { E2E_PORTS, e2eDatabaseUrl, e2eMode } from "./support/env";
import { templateHeadings } from "../lib/domain/postmortem/export";
import { REQUIRED_FIELD_KEYS } from "../lib/domain/postmortem/template";
import { editorReady } from "./support/postmortem";

const secondBaseURL = `http://localhost:${e2eMode() === "postgres" ? E2E_PORTS[1] : E2E_PORTS[0]}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/postmortems-${name}.png`, fullPage: true });

async function openEditor(page: Page, id: string) {
  await page.goto(`/postmortems/${id}`);
  await editorReady(page);
}

async function reloadEditor(page: Page) {
  await page.reload();
  await editorReady(page);
}

/** Moves an action item's due date into the past, as if it had been created weeks ago (the API refuses past dates). */
async function backdate(itemId: string, dueDate: string) {
  const sql = `UPDATE "ActionItem" SET "dueDate" = $1 WHERE "id" = $2`;
  if (e2eMode() === "sqlite") {
    const db = new Database(e2eDatabaseUrl().slice("file:".length));
    try {
      db.prepare(sql.replace("$1", "?").replace("$2", "?")).run(dueDate, itemId);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query(sql, [dueDate, itemId]);
  } finally {
    await client.end();
  }
}

/** A P2 incident resolved through the API (P2 needs no recovery verification), and its postmortem. */
async function resolvedWithPostmortem(request: APIRequestContext, title: string) {
  const incident = await (await request.post("/api/v1/incidents", { data: { title, severity: "P2" } })).json();
  await request.post(`/api/v1/incidents/${incident.id}/timeline`, { data: { text: "쿠폰 발급 지연 확인" } });
  const resolved = await request.patch(`/api/v1/incidents/${incident.id}`, { data: { status: "resolved", version: incident.version } });
  expect(resolved.status()).toBe(200);
  const created = await request.post(`/api/v1/incidents/${incident.id}/postmortem`, { data: {} });
  expect(created.status()).toBe(201);
  return { incident, postmortem: await created.json() };
}

test("verify recovery, resolve with a reason, then a responder writes the prefilled postmortem; autosave survives a reload", async ({
  browser,
}) => {
  const { context: commander, page } = await pageAs(browser, "commander");
  const title = `결제 지연 ${Date.now()}`;
  const incident = await (await page.request.post("/api/v1/incidents", { data: { title, severity: "P1" } })).json();
  await page.request.post(`/api/v1/incidents/${incident.id}/timeline`, { data: { text: "결제 API p95 1.8초" } });

  // Recovery verification in the room: no shop runs next to the test server, so the checks fail, visibly.
  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByTestId("recovery-verdict")).toHaveAttribute("data-verdict", "none");
  await expect(page.getByTestId("recovery-check-points-charge")).toContainText("데이터 변경");
  await page.getByTestId("run-recovery").click();
  await expect(page.getByTestId("recovery-verdict")).toHaveAttribute("data-verdict", "fail");
  await expect(page.getByTestId("recovery-summary-health")).toContainText("127.0.0.1:8080");
  await expect(page.getByTestId("recovery-check-points-charge")).not.toHaveAttribute("data-ok", /.+/); // smoke POST not run
  await expect(page.getByTestId("timeline")).toContainText("복구 검증 실패");

  // Resolving the P1 without a passing verification is refused until a reason is given.
  await page.getByTestId("status-resolved").click();
  await expect(page.getByTestId("resolve-gate-verdict")).toHaveAttribute("data-verdict", "fail");
  await expect(page.getByTestId("room-status")).toHaveText("조사 중");
  await page.getByTestId("resolve-with-reason").getByRole("textbox").fill("스테이징에서 수동 확인 완료");
  await page.getByRole("button", { name: "사유와 함께 해결" }).click();
  await expect(page.getByTestId("room-status")).toHaveText("해결됨");
  await shot(page, "room");
  await commander.close();

  const { context: responder, page: editor } = await pageAs(browser, "responder");
  await editor.goto(`/incidents/${incident.id}`);
  await editor.getByTestId(`write-postmortem-${incident.id}`).click();
  await expect(editor).toHaveURL(/\/postmortems\/[A-Za-z0-9_-]+$/);
  await expect(editor.getByTestId("postmortem-title")).toHaveText(title);
  await editorReady(editor);

  // Prefilled facts, visibly linked to their sources.
  await expect(editor.getByTestId("input-severity")).toHaveValue("P1");
  await expect(editor.getByTestId("input-recoveryTime")).toHaveValue(/^\d+분 \(목표 30분/);
  await expect(editor.getByTestId("input-response")).toHaveValue(/결제 API p95 1\.8초/);
  await expect(editor.getByTestId("input-detection")).toHaveValue(new RegExp(`P1 장애 선언: ${title}`));
  await expect(editor.getByTestId("fact-severity")).toContainText("P1");
  await expect(editor.getByTestId("fact-severity").getByTestId("fact-source")).toHaveAttribute("href", `/incidents/${incident.id}`);
  const timelineSource = editor.getByTestId("fact-detection").getByTestId("fact-source");
  const anchor = (await timelineSource.getAttribute("href")) ?? "";
  expect(anchor).toMatch(/^#tl-/);
  await timelineSource.click();
  await expect(editor.locator(anchor)).toBeInViewport();

  // Edit with a live preview; autosave within 2 s of the pause.
  const impact = "사용자 약 **1,200명**, 결제 340건 영향";
  await editor.getByTestId("input-impact").fill(impact);
  await expect(editor.getByTestId("preview-impact").locator("strong")).toHaveText("1,200명");
  await expect(editor.getByTestId("save-state")).toHaveAttribute("data-status", "saved", { timeout: 2_000 });
  await expect(editor.getByTestId("save-state")).toContainText(/저장됨 · \d+초 전/);
  await shot(editor, "editor");

  await reloadEditor(editor);
  await expect(editor.getByTestId("input-impact")).toHaveValue(impact);

  // Typed and reloaded at once (before the autosave pause ended): the text comes back.
  await editor.getByTestId("input-contributingFactors").fill("배포 직후 트래픽 증가");
  await reloadEditor(editor);
  await expect(editor.getByTestId("input-contributingFactors")).toHaveValue("배포 직후 트래픽 증가");
  await expect(editor.getByTestId("save-state")).toHaveAttribute("data-status", /saved|idle/, { timeout: 3_000 });
  await reloadEditor(editor);
  await expect(editor.getByTestId("input-contributingFactors")).toHaveValue("배포 직후 트래픽 증가");
  await responder.close();
});

test("two people edit the same field: the second save is refused with the first one's text shown, and nothing is lost", async ({
  browser,
}) => {
  const responder = await contextAs(browser, "responder");
  const commander = await contextAs(browser, "commander", secondBaseURL);
  const a = await responder.newPage();
  const b = await commander.newPage();
  const { postmortem } = await resolvedWithPostmortem(a.request, `쿠폰 지연 ${Date.now()}`);
  // B's tab lost its live connection (as on a flaky network), so it does not hear about A's save.
  await b.route("**/api/v1/stream**", (route) => route.abort());
  await openEditor(a, postmortem.id);
  await openEditor(b, postmortem.id);
  await expect(b.getByTestId("input-rootCause")).toHaveValue("");

  const first = "Kafka 컨슈머 랙: 파티션 재할당 반복";
  await a.getByTestId("input-rootCause").fill(first);
  await expect(a.getByTestId("save-state")).toHaveAttribute("data-status", "saved", { timeout: 2_000 });

  const second = "컨슈머 max.poll.interval 초과";
  await b.getByTestId("input-rootCause").fill(second);
  await expect(b.getByTestId("conflict-banner")).toBeVisible({ timeout: 3_000 });
  await expect(b.getByTestId("conflict-banner")).toContainText("Responder Park");
  await expect(b.getByTestId("theirs-rootCause")).toHaveText(first);
  await expect(b.getByTestId("input-rootCause")).toHaveValue(second); // the user's text is kept
  await expect(b.getByTestId("save-state")).toHaveAttribute("data-status", "conflict");
  await shot(b, "conflict");

  // The stored text is still A's: the refused save wrote nothing.
  const stored = await (await a.request.get(`/api/v1/postmortems/${postmortem.id}`)).json();
  expect(stored.sections.rootCause).toBe(first);

  await b.getByTestId("keep-both-rootCause").click();
  await expect(b.getByTestId("input-rootCause")).toHaveValue(`${first}\n\n${second}`);
  await expect(b.getByTestId("save-state")).toHaveAttribute("data-status", "saved", { timeout: 3_000 });
  await reloadEditor(a);
  await expect(a.getByTestId("input-rootCause")).toHaveValue(`${first}\n\n${second}`);
  // The history keeps both saves with their authors; a past revision opens read-only.
  await a.getByTestId("view-revision-2").click();
  await expect(a.getByTestId("revision-view")).toContainText(first);
  await expect(a.getByTestId("revision-view")).not.toContainText(second);
  await a.getByRole("button", { name: "닫기" }).click();
  const revisions = await (await a.request.get(`/api/v1/postmortems/${postmortem.id}/revisions`)).json();
  expect(revisions.items.map((r: { authorName: string }) => r.authorName).slice(0, 2)).toEqual(["Commander Lee", "Responder Park"]);
  await responder.close();
  await commander.close();
});

test("export follows the manual's template; the print view too; workflow, action items and checklists", async ({ browser }) => {
  const { context: responder, page } = await pageAs(browser, "responder");
  const { postmortem } = await resolvedWithPostmortem(page.request, `커넥션 풀 고갈 ${Date.now()}`);
  await openEditor(page, postmortem.id);

  // Submitting an incomplete report names the missing fields.
  await page.getByTestId("transition-in_review").click();
  await expect(page.getByTestId("transition-error")).toContainText("영향 범위");
  await expect(page.getByTestId("field-impact").locator(".field-error")).toBeVisible();

  await page.getByLabel("항목", { exact: true }).fill("HikariCP 최대 풀 크기 재산정");
  await page.getByLabel("담당자", { exact: true }).fill("박서준");
  await page.getByLabel("기한", { exact: true }).fill("2099-12-01");
  await page.getByRole("button", { name: "추가", exact: true }).click();
  await expect(page.getByTestId("action-item")).toHaveCount(1);
  await page.getByTestId("check-loadTest").getByRole("checkbox").check();
  await expect(page.getByTestId("checked-by-loadTest")).toContainText("Responder Park");

  const download = page.waitForEvent("download");
  await page.getByTestId("export-markdown").click();
  const markdown = await readFile((await (await download).path()) ?? "", "utf8");
  expect([...markdown.matchAll(/^### (.+)$/gm)].map((m) => m[1]).slice(0, 4)).toEqual(templateHeadings("ko"));
  expect(markdown).toContain("| HikariCP 최대 풀 크기 재산정 | 박서준 | 2099-12-01 | 즉시 | 대기 |");
  expect(markdown).toMatch(/- \[x\] 부하 테스트 수행 \(Responder Park, /);

  await page.getByTestId("print-link").click();
  await expect(page.getByTestId("print-view")).toBeVisible();
  expect((await page.getByTestId("print-view").locator("h2").allTextContents()).slice(0, 4)).toEqual(templateHeadings("ko"));
  await shot(page, "print");

  // Fill the required fields, submit; a commander publishes; the text is then final.
  const all = Object.fromEntries(REQUIRED_FIELD_KEYS.map((k) => [k, `${k} 작성`]));
  const current = await (await page.request.get(`/api/v1/postmortems/${postmortem.id}`)).json();
  expect(
    (await page.request.put(`/api/v1/postmortems/${postmortem.id}`, { data: { sections: all, version: current.version } })).status(),
  ).toBe(200);
  await openEditor(page, postmortem.id);
  await page.getByTestId("transition-in_review").click();
  await expect(page.getByTestId("postmortem-status")).toHaveAttribute("data-status", "in_review");
  await expect(page.getByTestId("transition-published")).toHaveCount(0); // a responder cannot publish
  const { context: commander, page: cpage } = await pageAs(browser, "commander");
  await openEditor(cpage, postmortem.id);
  await cpage.getByTestId("transition-published").click();
  await expect(cpage.getByTestId("postmortem-status")).toHaveAttribute("data-status", "published");
  await expect(cpage.getByTestId("banner-published")).toBeVisible();
  await expect(cpage.getByTestId("input-impact")).toHaveCount(0);
  await commander.close();
  await responder.close();
});

test("a viewer reads a postmortem but cannot change it: no inputs, no buttons, and the API refuses", async ({ browser }) => {
  const { context: responder, page: setup } = await pageAs(browser, "responder");
  const { postmortem } = await resolvedWithPostmortem(setup.request, `캐시 서버 다운 ${Date.now()}`);
  await responder.close();

  const { context: viewer, page } = await pageAs(browser, "viewer");
  await openEditor(page, postmortem.id);
  await expect(page.getByTestId("postmortem-editor")).toHaveAttribute("data-editable", "false");
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByTestId("preview-severity")).toContainText("P2");
  await expect(page.locator("textarea")).toHaveCount(0);
  await expect(page.locator("[data-testid^=transition-]")).toHaveCount(0);
  await expect(page.getByTestId("add-action-item")).toHaveCount(0);
  await expect(page.getByTestId("check-loadTest").getByRole("checkbox")).toBeDisabled();
  await shot(page, "viewer");
  const put = await page.request.put(`/api/v1/postmortems/${postmortem.id}`, {
    data: { sections: { impact: "viewer" }, version: postmortem.version },
  });
  expect(put.status()).toBe(403);
  expect((await (await page.request.get(`/api/v1/postmortems/${postmortem.id}`)).json()).sections.impact).toBeUndefined();
  await viewer.close();
});

test("the list shows open and overdue action items across postmortems; admins see the recovery checks", async ({ browser }) => {
  const { context: responder, page } = await pageAs(browser, "responder");
  const { postmortem } = await resolvedWithPostmortem(page.request, `슬로우 쿼리 ${Date.now()}`);
  const itemTitle = `orders.user_id 인덱스 추가 ${Date.now()}`; // unique: earlier runs' items stay in the database
  const item = await page.request.post(`/api/v1/postmortems/${postmortem.id}/action-items`, {
    data: { title: itemTitle, owner: "이지은", dueDate: "2099-12-01", horizon: "immediate" },
  });
  expect(item.status()).toBe(201);
  await page.goto("/postmortems");
  await expect(page.getByTestId(`postmortem-row-${postmortem.id}`)).toBeVisible();
  const before = Number(await page.getByTestId("overdue-count").textContent());
  await expect(page.getByTestId("overview-item").filter({ hasText: itemTitle })).toHaveAttribute("data-overdue", "false");
  // The same item weeks later: its day has passed, and the overview says so.
  await backdate((await item.json()).id, "2020-01-31");
  await page.reload();
  await expect(page.getByTestId("overdue-count")).toHaveText(String(before + 1));
  await expect(page.getByTestId("overview-item").filter({ hasText: itemTitle })).toHaveAttribute("data-overdue", "true");
  await expect(page.getByTestId("overview-item").first()).toHaveAttribute("data-overdue", "true"); // overdue first
  await expect(page.getByTestId(`postmortem-row-${postmortem.id}`)).toContainText("1건 초과");
  await shot(page, "list");
  await responder.close();

  const { context: admin, page: settings } = await pageAs(browser, "admin");
  await settings.goto("/settings");
  await expect(settings.getByTestId("recovery-check-list").locator("li")).toHaveCount(7);
  await expect(settings.getByTestId("check-row-points-charge")).toContainText("데이터 변경");
  await settings.getByTestId("add-recovery-check").click();
  const form = settings.getByTestId("recovery-check-form");
  await form.getByLabel("ID").fill("bad-sql");
  await form.getByLabel("이름 (한국어)").fill("잘못된 쿼리");
  await form.getByLabel("이름 (영어)").fill("Bad query");
  await form.getByText("읽기 전용 SQL").click();
  await form.locator("textarea").fill("DELETE FROM orders");
  await form.getByRole("button", { name: "저장" }).click();
  await expect(form).toContainText("must start with SELECT");
  await settings.getByTestId("recovery-settings").screenshot({ path: "test-results/screens/postmortems-settings.png" });
  await admin.close();
});
