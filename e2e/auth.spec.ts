import { expect, test } from "@playwright/test";
import { signInThroughForm, stateFile } from "./support/auth";

test("every page requires sign-in and a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/incidents/new");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fincidents%2Fnew/);
  await signInThroughForm(page, "commander", "wrong-password");
  await expect(page.getByTestId("login-error")).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");
  await signInThroughForm(page, "commander");
  await expect(page).toHaveURL(/\/incidents$/);
});

test("the UI speaks English to an English browser and Korean by default", async ({ browser, baseURL }) => {
  const en = await browser.newContext({ baseURL, locale: "en-US", storageState: stateFile("viewer") });
  const page = await en.newPage();
  await page.goto("/incidents");
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await en.close();
  const ko = await browser.newContext({ baseURL, locale: "ko-KR", storageState: stateFile("viewer") });
  const koPage = await ko.newPage();
  await koPage.goto("/incidents");
  await expect(koPage.getByRole("heading", { name: "장애" })).toBeVisible();
  await ko.close();
});
