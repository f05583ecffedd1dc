import { expect, test } from "@playwright/test";
import { contextAs } from "./support/auth";

// Lists never stop at a page: the incident list shows the first page and loads the rest on demand, in order,
// without repeating a row; the room's timeline shows the newest events first and older ones on demand.
test("the incident list and the room's timeline load more on demand, nothing cut (ko, 390 px and desktop)", async ({ browser }) => {
  const context = await contextAs(browser, "commander");
  const page = await context.newPage();
  const stamp = Date.now();
  // enough open P3 incidents that the open ones alone fill more than the first page of 100
  for (let i = 0; i < 105; i++) {
    const res = await page.request.post("/api/v1/incidents", { data: { title: `paging ${stamp} #${i}`, severity: "P3" } });
    expect(res.status()).toBe(201);
  }

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/incidents");
  await page.getByRole("tab", { name: "진행 중" }).click();
  const rows = page.locator('[data-testid^="incident-row-"]');
  await expect(rows).toHaveCount(100);
  await expect(page.getByTestId("incidents-more")).toHaveText("더 보기");
  await page.getByTestId("incidents-more").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/lists-paging-ko-390.png" });
  // other journeys' open incidents may come first: load pages until the list ends
  for (let shown = 100; await page.getByTestId("incidents-more").isVisible();) {
    await page.getByTestId("incidents-more").click();
    await expect.poll(async () => rows.count()).toBeGreaterThan(shown);
    shown = await rows.count();
  }
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
  expect(new Set(ids).size).toBe(ids.length);
  for (let i = 0; i < 105; i++) await expect(page.getByText(new RegExp(`paging ${stamp} #${i}$`))).toHaveCount(1);

  // a room with more than a page of timeline: newest first, older events on demand
  const room = (await (await page.request.post("/api/v1/incidents", { data: { title: `busy room ${stamp}`, severity: "P3" } })).json()) as {
    id: number;
  };
  for (let i = 0; i < 101; i++) {
    expect((await page.request.post(`/api/v1/incidents/${room.id}/timeline`, { data: { text: `step ${i}` } })).status()).toBe(201);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/incidents/${room.id}`);
  const events = page.getByTestId("timeline").locator("li");
  await expect(events).toHaveCount(100);
  await expect(events.first()).toContainText("step 100");
  await page.getByTestId("timeline-more").click();
  await expect(events).toHaveCount(102);
  await expect(events.last()).toHaveAttribute("data-kind", "declared");

  await page.context().addCookies([{ name: "ic-locale", value: "en", url: new URL("/", page.url()).toString() }]);
  await page.goto("/incidents");
  await page.getByRole("tab", { name: "Open" }).click();
  await expect(page.getByTestId("incidents-more")).toHaveText("Load more");
  await page.screenshot({ path: "test-results/lists-paging-en-desktop.png" });
  await context.close();
});
