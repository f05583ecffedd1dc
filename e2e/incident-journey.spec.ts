import { expect, test } from "@playwright/test";
import { contextAs } from "./support/auth";

test("a commander declares a P0, watches the countdown, resolves it and finds it in the list", async ({ browser }) => {
  const context = await contextAs(browser, "commander");
  const page = await context.newPage();
  await page.goto("/incidents");
  await page.getByTestId("declare-button").click();
  await expect(page).toHaveURL(/\/incidents\/new$/);

  // An empty title is refused next to the field, and nothing is created.
  await page.getByRole("button", { name: "선언", exact: true }).click();
  await expect(page.getByTestId("error-title")).toContainText("제목을 입력하세요");
  await expect(page).toHaveURL(/\/incidents\/new$/);

  // The field takes what the server takes (200 characters) and counts as you type.
  await page.getByLabel("제목").fill("가".repeat(250));
  await expect(page.getByLabel("제목")).toHaveValue("가".repeat(200));
  await expect(page.getByTestId("title-count")).toHaveText("200/200자");

  const title = `결제 API 500 에러 ${Date.now()}`;
  await page.getByLabel("제목").fill(title);
  await page.getByText("P0 · 최고 심각").click();
  await page.getByRole("button", { name: "선언", exact: true }).click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  await expect(page.getByTestId("incident-title")).toContainText(title);
  await expect(page.getByTestId("severity-badge").first()).toHaveText("P0");

  // The countdown starts at the P0 target (15 minutes) and ticks.
  const sla = page.getByTestId("sla");
  await expect(sla).toHaveText(/^1[45]:\d\d 남음$/);
  const first = await sla.textContent();
  await expect(sla).not.toHaveText(first!, { timeout: 3_000 });
  await page.screenshot({ path: "test-results/screens/incident-room-p0.png", fullPage: true });

  // The declaring commander is the commander; the timeline records the declaration.
  await expect(page.getByTestId("room-commander")).toHaveText("Commander Lee");
  await expect(page.getByTestId("timeline")).toContainText(`P0 장애 선언: ${title}`);

  await page.getByTestId("status-identified").click();
  await expect(page.getByTestId("room-status")).toHaveText("원인 파악");
  // A P0 without a passing recovery verification is resolved only with a reason.
  await page.getByTestId("status-resolved").click();
  await page.getByTestId("resolve-with-reason").getByRole("textbox").fill("결제 API 수동 확인 완료");
  await page.getByRole("button", { name: "사유와 함께 해결" }).click();
  await expect(page.getByTestId("room-status")).toHaveText("해결됨");
  await expect(sla).toContainText("목표 달성");
  await expect(page.getByTestId("timeline")).toContainText("해결 (원인 파악 → 해결됨)");

  await page.goto("/incidents");
  const row = page.locator("tr", { hasText: title });
  await expect(row.getByTestId("incident-status")).toHaveText("해결됨");
  await page.screenshot({ path: "test-results/screens/incident-list.png", fullPage: true });
  await context.close();
});

test("a P0 whose target passed shows 'breached by N min' (test clock jumps 20 minutes)", async ({ browser, request }) => {
  const context = await contextAs(browser, "commander");
  const page = await context.newPage();
  const created = await page.request.post("/api/v1/incidents", { data: { title: "Checkout down", severity: "P0" } });
  expect(created.status()).toBe(201);
  const incident = await created.json();
  const advanced = await request.post("/api/test/clock", { data: { advanceMs: 20 * 60_000 } });
  expect(advanced.ok()).toBeTruthy();
  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByTestId("sla")).toHaveText(/^\d+분 초과$/);
  await expect(page.getByTestId("sla")).toHaveAttribute("data-breached", "true");
  const api = await (await page.request.get(`/api/v1/incidents/${incident.id}`)).json();
  expect(api.sla.breached).toBe(true);
  expect(api.sla.remainingMs).toBeLessThanOrEqual(-5 * 60_000);
  await page.screenshot({ path: "test-results/screens/incident-breached.png", fullPage: true });
  await context.close();
});
