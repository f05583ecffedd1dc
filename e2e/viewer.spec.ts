import { expect, test } from "@playwright/test";
import { pageAs } from "./support/auth";

test("a viewer sees incidents but cannot declare: no button, and the API refuses with 403", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "viewer");
  await page.goto("/incidents");
  await expect(page.getByRole("heading", { name: "장애" })).toBeVisible();
  await expect(page.getByTestId("declare-button")).toHaveCount(0);

  const before = await (await page.request.get("/api/v1/incidents")).json();
  const res = await page.request.post("/api/v1/incidents", { data: { title: "viewer tries", severity: "P2" } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toMatchObject({ code: "forbidden" });
  const after = await (await page.request.get("/api/v1/incidents")).json();
  expect(after.items.length).toBe(before.items.length);
  await context.close();
});

test("a viewer opening /incidents/new (a bookmark) is told inside the app who may declare, and an unknown incident is a not-found page", async ({
  browser,
}) => {
  const { context, page } = await pageAs(browser, "viewer");
  const answer = await page.goto("/incidents/new");
  expect(answer?.status()).toBe(200);
  await expect(page.getByTestId("forbidden")).toContainText("권한이 없습니다");
  await expect(page.getByTestId("forbidden")).toContainText("지휘자");
  await expect(page.getByRole("navigation").first()).toBeVisible();
  await page.getByTestId("forbidden").getByRole("link").click();
  await expect(page).toHaveURL(/\/incidents$/);

  await page.goto("/incidents/999999999");
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByRole("navigation").first()).toBeVisible();
  expect((await page.request.get("/favicon.ico")).status()).toBe(200);
  await context.close();
});
