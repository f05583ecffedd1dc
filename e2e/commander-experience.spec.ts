// Issue 12: what a commander and a manager stumbled on, on desktop and on a phone. One P0 is declared once and
// followed through: messages in the reader's language, resolving through the room's own 해결됨 button, the
// resolved room read-only with its outcome, timeline rows in the reader's language and clock, and the phone
// layout (390×844: the commander's actions on the first screen, no sideways scrolling, 44 px touch targets).
// Screenshots (390 px and desktop, ko and en) go to test-results/screens/commander-*.png.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { contextAs, inEnglish } from "./support/auth";
import { PHONE, shootBoth } from "./support/screens";
import { editorReady } from "./support/postmortem";

const DESKTOP = { width: 1440, height: 900 };

test.describe.configure({ mode: "serial" });

let incidentId = 0;
/** the second P0, left open, with diagnostics run from the room (set by the phone journey) */
let openId = 0;
let commander: BrowserContext;

const shoot = (page: Page, name: string) => shootBoth(page, `commander-${name}`, DESKTOP);

/** No sideways scrolling: the page is no wider than the screen. */
async function expectNoOverflow(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `page is ${scroll} px wide on a ${inner} px screen`).toBeLessThanOrEqual(inner);
}

/** Hangul or nothing: no sentence of English words in a Korean message. */
const expectKorean = async (text: string | null) => expect(text ?? "").toMatch(/[가-힣]/);

test.beforeAll(async ({ browser }) => {
  commander = await contextAs(browser, "commander");
  const created = await commander.request.post("/api/v1/incidents", {
    data: { title: `결제 승인 실패 ${Date.now()}`, severity: "P0" },
  });
  expect(created.status()).toBe(201);
  incidentId = ((await created.json()) as { id: number }).id;
});

test.afterAll(async () => {
  await commander?.close();
});

test("server messages read in the reader's language, codes stay the same", async ({ browser, baseURL }) => {
  const page = await commander.newPage();
  await page.goto("/incidents/new");
  await page.getByRole("button", { name: "선언", exact: true }).click();
  await expect(page.getByTestId("error-title")).toContainText("제목을 입력하세요");

  // A severity change without a reason is refused in Korean next to the controls.
  await page.goto(`/incidents/${incidentId}`);
  await page.getByLabel("심각도", { exact: true }).selectOption("P1");
  await page.getByRole("button", { name: "적용" }).click();
  await expect(page.getByTestId("control-error")).toHaveText("심각도를 바꾸는 사유를 입력하세요.");

  // The same refusal through the API: a stable code, the message in the asker's language.
  const ko = await page.request.patch(`/api/v1/incidents/${incidentId}`, {
    data: { severity: "P1", version: 1 },
    headers: { "accept-language": "ko" },
  });
  const koBody = (await ko.json()) as { error: { code: string; message: string } };
  expect(koBody.error.code).toBe("validation_failed");
  expect(koBody.error.message).toBe("심각도를 바꾸는 사유를 입력하세요.");

  const english = await inEnglish(browser, "commander", baseURL!);
  const en = await english.newPage();
  await en.goto("/incidents/new");
  await en.getByRole("button", { name: "Declare", exact: true }).click();
  await expect(en.getByTestId("error-title")).toContainText("Title is required");
  await english.close();
  await page.close();
});

test("on a phone the commander's actions are on the first screen and resolving a P0 leads through verification", async () => {
  const page = await commander.newPage();
  await page.setViewportSize(PHONE);
  await page.goto(`/incidents/${incidentId}`);
  const resolve = page.getByTestId("status-resolved");
  await expect(resolve).toBeVisible();
  const box = (await resolve.boundingBox())!;
  expect(box.y + box.height, "the 해결됨 button sits within the first 844 px").toBeLessThanOrEqual(PHONE.height);
  expect(box.height, "touch target height").toBeGreaterThanOrEqual(44);
  await expectNoOverflow(page);
  await shoot(page, "room-open");
  await page.setViewportSize(PHONE);

  // The obvious button: no English refusal, an inline step instead.
  await resolve.click();
  const gate = page.getByTestId("resolve-gate");
  await expect(gate).toBeVisible();
  await expect(page.getByTestId("control-error")).toHaveCount(0);
  await expect(gate.getByTestId("resolve-gate-verdict")).toHaveAttribute("data-verdict", "none");
  await expectKorean(await gate.textContent());
  await page.screenshot({ path: "test-results/screens/commander-resolve-gate-390.png", fullPage: false });

  // Running the verification from here: the defaults point at an absent service, so it fails and the room stays open.
  await gate.getByTestId("resolve-gate-run").click();
  await expect(gate.getByTestId("resolve-gate-verdict")).toHaveAttribute("data-verdict", "fail", { timeout: 20_000 });
  await expect(gate.getByTestId("resolve-gate-verdict")).toContainText("최근 복구 검증 실패");
  await expect(page.getByTestId("room-status")).toHaveText("조사 중");

  // …then resolving with a reason, in the same place.
  await gate.getByLabel("검증 없이 해결하는 사유").fill("결제 승인 수동 확인 완료");
  await gate.getByRole("button", { name: "사유와 함께 해결" }).click();
  await expect(page.getByTestId("room-status")).toHaveText("해결됨");
  await page.close();
});

test("a resolved room is read-only and shows its outcome until reopened", async ({ browser, baseURL }) => {
  const page = await commander.newPage();
  await page.goto(`/incidents/${incidentId}`);
  await expect(page.getByTestId("resolved-banner")).toBeVisible();
  await expect(page.getByText("결과", { exact: true })).toBeVisible();
  await expect(page.getByText("남은 시간", { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("sla")).toContainText(/분 만에 해결 · 목표 (달성|초과)/);
  await expect(page.getByRole("button", { name: "적용" })).toHaveCount(0);
  await expect(page.getByTestId("run-all")).toHaveCount(0);
  await expect(page.getByTestId("run-recovery")).toHaveCount(0);
  await expect(page.getByTestId("diagnostics-read-only")).toContainText("다시 열면");
  await expect(page.getByTestId("status-investigating")).toHaveText("다시 열기");
  await shoot(page, "room-resolved");

  const english = await inEnglish(browser, "commander", baseURL!);
  const en = await english.newPage();
  await en.goto(`/incidents/${incidentId}`);
  await expect(en.getByTestId("resolved-banner")).toContainText("read-only");
  await expect(en.getByTestId("sla")).toContainText(/Resolved in \d+ min/i);
  await shoot(en, "room-resolved-en");
  await english.close();
  await page.close();
});

test("timeline rows read in the reader's language with the clock's zone", async ({ browser, baseURL }) => {
  const page = await commander.newPage();
  await page.goto(`/incidents/${incidentId}`);
  const timeline = page.getByTestId("timeline");
  await expect(timeline.locator("[data-kind=recovery]")).toContainText("복구 검증 실패: 0/");
  await expect(timeline.locator("[data-kind=recovery]")).not.toContainText("Recovery verification");
  await expect(timeline.getByTestId("clock-time").first()).toHaveText(/^\d{1,2}(:|시 )\d{1,2}(:|분 )\d{1,2}초? GMT\+9$/);

  const english = await inEnglish(browser, "commander", baseURL!);
  const en = await english.newPage();
  await en.goto(`/incidents/${incidentId}`);
  const row = en.getByTestId("timeline").locator("[data-kind=recovery]");
  await expect(row).toContainText("Recovery verification failed: 0/");
  await expect(row).not.toContainText("복구");
  await expect(en.getByTestId("timeline").getByTestId("clock-time").first()).toHaveText(/^\d{1,2}(:|시 )\d{1,2}(:|분 )\d{1,2}초? GMT\+9$/);
  await english.close();
  await page.close();
});

test("charts draw the value the card shows and add no keyboard stops", async () => {
  const page = await commander.newPage();
  await page.goto("/metrics");
  await expect(page.getByTestId("signal-value-error_ratio")).toBeVisible();
  await expect(page.locator(".recharts-wrapper").first()).toBeVisible();
  await expect(page.locator(".current-value-dot").first()).toBeAttached();
  const stops = await page
    .locator(".recharts-wrapper")
    .evaluateAll(
      (charts) => charts.flatMap((c) => [...c.querySelectorAll<HTMLElement | SVGElement>("*")]).filter((el) => el.tabIndex >= 0).length,
    );
  expect(stops, "focusable elements inside the charts").toBe(0);
  await shoot(page, "metrics");
  await page.close();
});

test("phone: the list keeps the status on one line, the board fits the screen, acknowledging is a 44 px target", async ({
  browser,
  baseURL,
}) => {
  // A second P0, open, so the list and the board have something live.
  const created = await commander.request.post("/api/v1/incidents", {
    data: {
      title: `쿠폰 발급 지연 ${Date.now()}`,
      severity: "P0",
      description: "쿠폰 발급 지연 확인\n/metrics?signal=coupon_lag&range=1h#signal-coupon_lag",
    },
  });
  const open = ((await created.json()) as { id: number }).id;
  openId = open;

  // A probe that fails says how to fix it: which variable sets its target, and where Settings lists it.
  const diag = await commander.newPage();
  await diag.goto(`/incidents/${open}`);
  // A chart path in a description reads as a short 차트 link.
  await expect(diag.getByTestId("incident-description").getByTestId("chart-link")).toHaveText("차트");
  await expect(diag.getByTestId("incident-description")).not.toContainText("/metrics?");
  // The related signals say they are simulated.
  await expect(diag.getByTestId("strip-simulated")).toHaveText("시뮬레이터");
  await diag.getByLabel("애플리케이션 헬스 (/actuator/health)").check();
  await diag.getByTestId("pick-prometheus.query").check();
  await diag.getByTestId("run-all").click();
  await expect(diag.getByTestId("fix-hint-actuator.health")).toContainText("ACTUATOR_URL", { timeout: 30_000 });
  await expect(diag.getByTestId("fix-hint-actuator.health").getByRole("link")).toHaveAttribute("href", "/settings#diagnostics-settings");
  // No Prometheus configured: the app's own metrics answer, and the row says so in Korean.
  await expect(diag.getByTestId("probe-prometheus.query")).toHaveAttribute("data-verdict", /^(ok|warning|critical)$/, { timeout: 30_000 });
  await expect(diag.getByTestId("summary-prometheus.query")).toContainText(/시뮬레이터\s*p95 응답시간 [\d.]+ s \(주의 기준 > 1 s\)/);
  await expect(diag.getByTestId("builtin-prometheus.query")).toContainText("내장 시뮬레이터의 수치입니다");
  await expect(diag.getByTestId("builtin-prometheus.query")).toContainText("PROMETHEUS_URL");
  await expect(diag.getByTestId("fix-hint-prometheus.query")).toHaveCount(0);
  await shoot(diag, "room-diagnostics");
  await diag.close();

  const englishRoom = await inEnglish(browser, "commander", baseURL!);
  const enDiag = await englishRoom.newPage();
  await enDiag.goto(`/incidents/${open}`);
  await expect(enDiag.getByTestId("builtin-prometheus.query")).toContainText("built-in simulator", { timeout: 30_000 });
  await expect(enDiag.getByTestId("summary-prometheus.query")).toContainText("p95 response time");
  await expect(enDiag.getByTestId("incident-description").getByTestId("chart-link")).toHaveText("Chart");
  await expect(enDiag.getByTestId("strip-simulated")).toHaveText("simulated");
  await shoot(enDiag, "room-diagnostics-en");
  await englishRoom.close();

  const list = await commander.newPage();
  await list.setViewportSize(PHONE);
  await list.goto("/incidents?status=all");
  // the status text itself (not its cell, which is as tall as a two-line title)
  const status = list.getByTestId(`incident-row-${open}`).getByTestId("incident-status");
  await expect(status).toHaveText("조사 중");
  expect((await status.boundingBox())!.height, "status on one line").toBeLessThan(30);
  await expectNoOverflow(list);
  await shoot(list, "list");

  const manager = await contextAs(browser, "manager");
  const board = await manager.newPage();
  await board.setViewportSize(PHONE);
  await board.goto("/escalations");
  const card = board.getByTestId(`escalation-card-${open}`);
  await expect(card).toBeVisible();
  // The team lead's step fires 15 minutes in (test clock): then there is something to acknowledge.
  expect((await board.request.post("/api/test/clock", { data: { advanceMs: 15 * 60_000 } })).ok()).toBeTruthy();
  const ack = card.getByTestId("ack-button").first();
  await expect(ack).toBeVisible({ timeout: 10_000 });
  const size = (await ack.boundingBox())!;
  expect(size.height, "acknowledge button height").toBeGreaterThanOrEqual(44);
  expect(size.width, "acknowledge button width").toBeGreaterThanOrEqual(44);
  await expectNoOverflow(board);
  await shoot(board, "board");

  // A manager's room on a phone: acknowledging is on the first screen.
  const room = await manager.newPage();
  await room.setViewportSize(PHONE);
  await room.goto(`/incidents/${open}`);
  const roomAck = room.getByTestId("ack-button").first();
  await expect(roomAck).toBeVisible();
  const roomBox = (await roomAck.boundingBox())!;
  expect(roomBox.y + roomBox.height, "acknowledge within the first 844 px").toBeLessThanOrEqual(PHONE.height);
  await expectNoOverflow(room);
  await shoot(room, "room-manager");

  const english = await inEnglish(browser, "manager", baseURL!);
  const en = await english.newPage();
  await en.goto("/escalations");
  await en.setViewportSize(PHONE);
  await expectNoOverflow(en);
  await shoot(en, "board-en");
  await en.goto("/incidents?status=all");
  await en.setViewportSize(PHONE);
  await expectNoOverflow(en);
  await shoot(en, "list-en");
  await english.close();
  await manager.close();
});

/** Console errors and uncaught exceptions of a page (a hydration mismatch shows as React error #418). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test("a postmortem sums up the diagnostics in its writer's language, links the full results, and its editor hydrates cleanly", async ({
  browser,
  baseURL,
}) => {
  expect(openId, "the phone journey declared the second P0 and ran its diagnostics").toBeGreaterThan(0);
  const page = await commander.newPage();
  const errors = collectErrors(page);
  const created = await page.request.post(`/api/v1/incidents/${openId}/postmortem`, { data: {}, headers: { "accept-language": "ko-KR" } });
  expect(created.status()).toBe(201);
  const pm = (await created.json()) as { id: string; sections: { response?: string } };
  const response = pm.sections.response ?? "";
  expect(response).toContain(`진단 결과 (요약, 전체 결과는 [장애 화면의 진단](/incidents/${openId}#diagnostics)):`);
  expect(response).toMatch(/- \d\d:\d\d 애플리케이션 헬스 \(\/actuator\/health\): 오류 — 연결 거부 \(127\.0\.0\.1:8080\)/);
  expect(response).toMatch(/- \d\d:\d\d Prometheus 쿼리: (정상|주의|심각) — p95 응답시간 [\d.]+ s \(주의 기준 > 1 s\) \(시뮬레이터\)/);
  expect(response, "no raw probe output in the field").not.toContain("refused the connection");

  await page.goto(`/postmortems/${pm.id}`);
  await editorReady(page);
  await expect(page.getByTestId("input-response")).toHaveValue(/진단 결과 \(요약/);
  await expect(page.getByTestId("save-state").first()).toBeVisible();
  await page.waitForTimeout(2_000); // hydration and the first tick of the relative times
  expect(errors, "console errors on the postmortem editor").toEqual([]);
  expect((await page.request.get("/favicon.ico")).status(), "the browser's icon request").toBe(200);
  await page.getByTestId("input-response").scrollIntoViewIfNeeded();
  await shoot(page, "postmortem");
  await page.close();

  // An English writer gets an English report: facts and the diagnostics summary.
  const english = await inEnglish(browser, "commander", baseURL!);
  const en = await english.newPage();
  const enErrors = collectErrors(en);
  const incident = await en.request.post("/api/v1/incidents", { data: { title: `Checkout latency ${Date.now()}`, severity: "P2" } });
  const enId = ((await incident.json()) as { id: number }).id;
  const run = await en.request.post(`/api/v1/incidents/${enId}/diagnostics`, {
    data: { probeIds: ["prometheus.query", "actuator.health"] },
    headers: { accept: "application/json" },
  });
  expect(run.status()).toBe(201);
  const enCreated = await en.request.post(`/api/v1/incidents/${enId}/postmortem`, { data: {}, headers: { "accept-language": "en-US" } });
  expect(enCreated.status()).toBe(201);
  const enPm = (await enCreated.json()) as { id: string; sections: { response?: string } };
  expect(enPm.sections.response).toContain(
    `Diagnostics (summary; full results in [the incident room's diagnostics](/incidents/${enId}#diagnostics)):`,
  );
  expect(enPm.sections.response).toMatch(/Application health \(\/actuator\/health\): Error — connection refused \(127\.0\.0\.1:8080\)/);
  expect(enPm.sections.response).toMatch(
    /Prometheus query: (OK|Warning|Critical) — p95 response time [\d.]+ s \(warning > 1 s\) \(simulated\)/,
  );
  await en.goto(`/postmortems/${enPm.id}`);
  // the streamed page's server copy can sit beside the live one for a moment: read the facts once it is alone
  await editorReady(en);
  await expect(en.getByTestId("facts-panel")).toHaveCount(1);
  await expect(en.getByTestId("facts-panel")).toBeVisible();
  expect(await en.getByTestId("facts-panel").textContent(), "English facts").not.toMatch(/[가-힣]/);
  await en.waitForTimeout(2_000);
  expect(enErrors, "console errors on the English postmortem editor").toEqual([]);
  await shoot(en, "postmortem-en");
  await english.close();
});
