import { expect as baseExpect, test, type APIRequestContext, type Page } from "@playwright/test";
import { contextAs } from "./support/auth";

// The machine running these is shared (2 cores, other suites building): allow slow hydration.
const expect = baseExpect.configure({ timeout: 30_000 });

/** Move the server's clock (schedulers and the rule engine included); the engine catches up within a second. */
async function advance(request: APIRequestContext, ms: number) {
  const res = await request.post("/api/test/clock", { data: { advanceMs: ms } });
  expect(res.ok()).toBeTruthy();
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/metrics-${name}.png`, fullPage: true });
}

test("a commander drills connection-pool exhaustion: HighErrorRate goes pending, then firing, and the incident opens from the panel", async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000); // a long journey on a shared 2-core machine
  const context = await contextAs(browser, "commander");
  const page = await context.newPage();
  await page.goto("/metrics");
  await expect(page.getByRole("heading", { name: "실시간 지표" })).toBeVisible();
  const card = page.getByTestId("signal-error_ratio");
  await expect(card).toHaveAttribute("data-state", "inactive");
  await expect(card.locator(".recharts-reference-line")).toHaveCount(1); // the 5 % threshold is drawn
  await expect(page.getByTestId("metrics-source")).toHaveText("데이터: 내장 시뮬레이터");
  await expect(page.getByTestId("alerts-empty")).toBeVisible();

  await page.getByTestId("drill-scenario").selectOption("connection-pool-exhaustion");
  await page.getByTestId("drill-start").click();
  await expect(page.getByTestId("drill-active")).toContainText("커넥션 풀 고갈");
  await expect(page.getByTestId("drill-active")).toContainText("HighErrorRate");

  // The fault ramps in over 45 s; 30 s after the injection the 5xx ratio is well above 5 %.
  await advance(request, 30_000);
  await expect(card).toHaveAttribute("data-state", "pending", { timeout: 30_000 });
  const row = page.getByTestId("alert-HighErrorRate");
  await expect(row).toHaveAttribute("data-state", "pending");
  await expect(row).toContainText("2분 지속 시 발생");
  await expect(page.getByTestId("open-incident-HighErrorRate")).toHaveCount(0); // pending alerts cannot open incidents
  await shot(page, "pending");

  // `for: 2m` elapses.
  await advance(request, 2 * 60_000);
  await expect(card).toHaveAttribute("data-state", "firing", { timeout: 30_000 });
  await expect(row).toHaveAttribute("data-state", "firing");
  await expect(row).toContainText("발생 중");
  await expect(card.getByTestId("signal-value-error_ratio")).toHaveText(/^\d+(\.\d)? %$/);
  await shot(page, "firing");

  await page.getByTestId("open-incident-HighErrorRate").click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  await expect(page.getByTestId("incident-title")).toContainText("HighErrorRate: 5xx 에러 비율");
  await expect(page.getByTestId("severity-badge").first()).toHaveText("P0");
  await expect(page.getByText("훈련", { exact: true }).first()).toBeVisible();
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("알람 HighErrorRate 발생: 5xx 에러 비율");
  await expect(timeline).toContainText("조건 5xx 에러 비율 > 5 %, 2분 지속");
  // The chart the alert linked is one click away.
  await expect(timeline.getByRole("link", { name: "차트", exact: true }).first()).toHaveAttribute(
    "href",
    /^\/metrics\?signal=error_ratio&range=1h/,
  );
  await expect(page.getByTestId("room-commander")).toHaveText("Commander Lee"); // the clicking commander took it
  const strip = page.getByTestId("metrics-room-strip");
  await expect(strip.getByTestId("strip-origin")).toContainText("HighErrorRate");
  await expect(strip.getByTestId("strip-error_ratio")).toBeVisible();
  await expect(strip.getByTestId("strip-error_ratio").locator(".recharts-line")).toHaveCount(1);
  // The related signals say they come from the simulator; the description is one language with a short chart link.
  await expect(strip.getByTestId("strip-simulated")).toHaveText("시뮬레이터");
  const description = page.getByTestId("incident-description");
  await expect(description.getByTestId("chart-link")).toHaveText("차트");
  await expect(description.getByTestId("chart-link")).toHaveAttribute("href", /^\/metrics\?signal=error_ratio&/);
  await expect(description).not.toContainText("/metrics?");
  await expect(description).not.toContainText("5xx error ratio above");
  await shot(page, "incident-room");

  // Back on the panel the alert links to its incident; the drill shows its first timing.
  const incidentId = page.url().split("/").pop();
  await page.goto("/metrics");
  await expect(page.getByTestId("alert-HighErrorRate").getByTestId("alert-incident-link")).toContainText(`장애 #${incidentId}`);
  await expect(page.getByTestId("drill-active")).toContainText(`#${incidentId}`);
  await page.getByTestId("drill-end").click();
  await expect(page.getByTestId("drill-history")).toContainText("커넥션 풀 고갈");
  await expect(page.getByTestId("drill-history")).toContainText("목표 15분");
  await shot(page, "drill-ended");
  // Ending the drill closed its incident: resolved with the reason, no escalation countdown left.
  await page.goto(`/incidents/${incidentId}`);
  await expect(page.getByTestId("room-status")).toHaveText("해결됨");
  await expect(page.getByTestId("timeline")).toContainText("훈련 종료");
  await expect(page.getByTestId("step-countdown")).toHaveCount(0);
  await shot(page, "drill-incident-closed");
  await context.close();
});

test("a viewer watches the panel but can neither drill nor open incidents; the range picker reloads the window", async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await contextAs(browser, "viewer");
  const page = await context.newPage();
  await page.goto("/metrics?range=15m");
  await expect(page.getByTestId("range-15m")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("signal-grid").locator("section")).toHaveCount(8);
  await expect(page.getByTestId("drill-start")).toHaveCount(0);
  await page.getByTestId("range-24h").click();
  await expect(page).toHaveURL(/range=24h/);
  await expect(page.getByTestId("signal-p95_latency").locator(".recharts-line")).toHaveCount(1);
  const res = await page.request.post("/api/v1/drills", { data: { scenario: "db-deadlock" } });
  expect(res.status()).toBe(403);
  const yml = await page.request.get("/api/v1/metrics/rules.yml");
  expect(yml.ok()).toBeTruthy();
  expect(await yml.text()).toContain("alert: HighErrorRate");
  await shot(page, "viewer-24h");
  await context.close();
});
