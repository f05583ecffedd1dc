import { expect, test, type Page } from "@playwright/test";
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

/** The page's markup as the server sent it, without its scripts (the data handed to react-query sits in those). */
async function firstHtml(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, "");
}

// Issue 12: the room, the list and the board render their data in the first HTML (prefetched on the server and handed
// to react-query), hydrate without a mismatch, and live updates still land on top.
test("the first HTML of the room, the incident list and the escalation board already shows their data", async ({ browser }) => {
  const context = await contextAs(browser, "commander");
  const page = await context.newPage();
  const title = `first paint ${Date.now()}`;
  const created = await page.request.post("/api/v1/incidents", { data: { title, severity: "P1" } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  expect((await page.request.post(`/api/v1/incidents/${id}/timeline`, { data: { text: `checked ${title}` } })).status()).toBe(201);

  const room = await firstHtml(page, `/incidents/${id}`);
  expect(room).toMatch(new RegExp(`data-testid="incident-title"[^>]*>.*?${title}</h1>`));
  expect(room, "the timeline, not its placeholder").toMatch(new RegExp(`data-testid="timeline"[\\s\\S]*checked ${title}`));
  expect(room, "the escalation schedule").toContain('data-testid="escalation-strip"');
  // the side panels (signals, diagnostics, status page, recovery, postmortem) still load in the browser
  const sidePanels =
    /<section\b[^>]*data-testid="(metrics-room-strip|diagnostics-panel|status-room-panel|recovery-panel|postmortem-room-panel)"[\s\S]*?<\/section>/g;
  expect(room.match(sidePanels)).toHaveLength(5);
  expect(room.replace(sidePanels, ""), "the room itself, its timeline and its escalation strip").not.toContain("불러오는 중");
  const list = await firstHtml(page, "/incidents");
  expect(list).toMatch(new RegExp(`data-testid="incident-table"[\\s\\S]*${title}`));
  expect(list).not.toContain("불러오는 중");
  const board = await firstHtml(page, "/escalations");
  expect(board).toMatch(new RegExp(`data-testid="escalation-card-${id}"[\\s\\S]*${title}`));
  expect(board).not.toContain("불러오는 중");

  // react-query takes over: no hydration mismatch (React error #418), and a change arrives live
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/incidents");
  await page.getByRole("tab", { name: "진행 중" }).click(); // answers only once hydrated
  await expect(page.getByRole("tab", { name: "진행 중" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("incident-table")).toContainText(title);
  for (const path of ["/escalations", `/incidents/${id}`]) {
    await page.goto(path);
    await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  }
  await expect(page.getByTestId("incident-title")).toContainText(title);
  expect((await page.request.post(`/api/v1/incidents/${id}/timeline`, { data: { text: `live after ${title}` } })).status()).toBe(201);
  await expect(page.getByTestId("timeline").locator("li").first()).toContainText(`live after ${title}`);
  expect(errors, "console errors while hydrating the prefetched pages").toEqual([]);
  await context.close();
});
