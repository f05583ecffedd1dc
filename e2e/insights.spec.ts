// Issue 16: a manager reads how long incidents took against the manual's targets. A P3 declared and resolved
// ten minutes later on the test clock shows as the MTTR median, linked to its incident; responders have no
// insights entry. Screenshots (390 px ko, desktop en) go to test-results/screens/insights-*.png.
import { expect, test } from "@playwright/test";
import { contextAs, inEnglish } from "./support/auth";

test("MTTR of an incident resolved ten minutes after its declaration (test clock), with its link", async ({ browser, baseURL }) => {
  const commander = await contextAs(browser, "commander");
  const declared = await commander.request.post("/api/v1/incidents", {
    data: { title: `쿠폰 발급 지연 ${Date.now()}`, severity: "P3", scenario: "kafka-consumer-lag" },
  });
  expect(declared.status()).toBe(201);
  const incident = (await declared.json()) as { id: number; version: number };
  expect((await commander.request.post("/api/test/clock", { data: { advanceMs: 10 * 60_000 } })).ok()).toBeTruthy();
  const resolved = await commander.request.patch(`/api/v1/incidents/${incident.id}`, {
    data: { status: "resolved", reason: "consumer restarted", version: incident.version },
  });
  expect(resolved.status()).toBe(200);
  await commander.close();

  const manager = await contextAs(browser, "manager");
  const page = await manager.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/incidents");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "인사이트" }).click();
  await expect(page.getByRole("heading", { name: "인사이트", level: 1 })).toBeVisible();
  const filters = page.getByRole("form", { name: "필터" });
  await filters.locator('select[name="severity"]').selectOption("P3");
  await filters.locator('select[name="scenario"]').selectOption("kafka-consumer-lag");
  await filters.getByRole("button", { name: "적용" }).click();
  await expect(page).toHaveURL(/severity=P3/);
  await expect(page.getByTestId("insights-value-mttr")).toHaveText(/^10(\.\d)?분$/);
  await expect(page.getByTestId("insights-headline-mttr").getByRole("link", { name: `#${incident.id}` })).toHaveAttribute(
    "href",
    `/incidents/${incident.id}`,
  );
  await expect(page.getByTestId("insights-value-target")).toHaveText("100%");
  // The per-severity figures as a table (the same numbers the chart draws).
  await page.getByTestId("insights-severity").getByRole("button", { name: "표" }).click();
  await expect(page.getByTestId("insights-severity").getByRole("row", { name: /^P3 1 / })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/screens/insights-manager-ko-390.png", fullPage: true });

  const english = await inEnglish(browser, "manager", baseURL);
  const en = await english.newPage();
  await en.setViewportSize({ width: 1280, height: 900 });
  await en.goto(`/insights?severity=P3&scenario=kafka-consumer-lag`);
  await expect(en.getByTestId("insights-value-mttr")).toHaveText(/^10(\.\d)? min$/);
  await en.screenshot({ path: "test-results/screens/insights-manager-en-desktop.png", fullPage: true });
  await english.close();
  await manager.close();

  const responder = await contextAs(browser, "responder");
  const other = await responder.newPage();
  await other.goto("/insights");
  await expect(other.getByTestId("forbidden")).toBeVisible();
  await expect(other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "인사이트" })).toHaveCount(0);
  await responder.close();
});
