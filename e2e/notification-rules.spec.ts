import { expect, test } from "@playwright/test";
import { contextAs } from "./support/auth";
import { e2eMode } from "./support/env";

const PHONE = { width: 390, height: 844 };
const shot = (name: string) => `test-results/screens/${name}-${e2eMode()}.png`;

test("my notification rules: the defaults shown when I set nothing, my own list saved and kept, a bad list refused in my language, reset to defaults", async ({
  browser,
}) => {
  const responder = await contextAs(browser, "responder");
  const page = await responder.newPage();
  await page.setViewportSize(PHONE);
  // start from the defaults whatever an earlier run left
  expect((await page.request.put("/api/v1/me/notification-rules", { data: { high: [], low: [] } })).status()).toBe(200);
  await page.goto("/oncall/me");
  const panel = page.getByTestId("my-rules");
  await expect(panel.getByRole("heading", { name: "내 알림 규칙" })).toBeVisible();
  const high = panel.getByTestId("rules-high");
  await expect(high.locator("legend")).toContainText("기본값");
  await expect(high.getByRole("listitem")).toHaveCount(4);
  await expect(high.getByRole("combobox").nth(3)).toHaveValue("phone");
  await expect(high.getByRole("spinbutton").nth(3)).toHaveValue("1");
  await panel.screenshot({ path: shot("rules-defaults-phone-ko") });

  // "SMS at once, a call after 3 min": keep SMS (step 2) and the call (step 4, now 3 min), remove push and email
  await high.getByRole("spinbutton").nth(3).fill("3");
  await high.getByRole("button", { name: "3단계 삭제" }).click();
  await high.getByRole("button", { name: "1단계 삭제" }).click();
  await expect(high.getByRole("combobox")).toHaveCount(2);
  await expect(high.locator("legend")).toContainText("내 설정");
  // the same channel twice at the same delay is refused, with the reason under the step, in Korean
  await high.getByRole("button", { name: "단계 추가" }).click();
  await high.getByRole("combobox").nth(2).selectOption("sms");
  await high.getByRole("spinbutton").nth(2).fill("0");
  await panel.getByRole("button", { name: "규칙 저장" }).click();
  // (listed by delay on saving: the second SMS is step 2 now, and the refusal stands under it)
  await expect(high.getByRole("listitem").nth(1)).toContainText("같은 채널이 같은 대기 시간에 두 번 있습니다: 하나를 지우세요.");
  await expect(high.getByRole("combobox").nth(2)).toHaveValue("phone");
  await page.screenshot({ path: shot("rules-refused-phone-ko"), fullPage: true });
  await high.getByRole("button", { name: "2단계 삭제" }).click();
  await panel.getByRole("button", { name: "규칙 저장" }).click();
  await expect(panel.getByRole("status")).toHaveText("저장했습니다.");
  const saved = await (await page.request.get("/api/v1/me/notification-rules")).json();
  expect(saved).toMatchObject({
    high: [
      { channel: "sms", delayMinutes: 0 },
      { channel: "phone", delayMinutes: 3 },
    ],
    custom: { high: true, low: false },
  });
  await page.reload();
  await expect(high.getByRole("combobox")).toHaveCount(2);
  await expect(high.getByRole("spinbutton").nth(1)).toHaveValue("3");
  await panel.screenshot({ path: shot("rules-own-phone-ko") });

  await page.context().addCookies([{ name: "ic-locale", value: "en", url: new URL("/", page.url()).toString() }]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.reload();
  await expect(panel.getByRole("heading", { name: "My notification rules" })).toBeVisible();
  await expect(panel.getByTestId("rules-low").locator("legend")).toContainText("default");
  await panel.screenshot({ path: shot("rules-own-desktop-en") });
  await page.screenshot({ path: shot("rules-my-shifts-desktop-en"), fullPage: true });

  await panel.getByRole("button", { name: "Reset to defaults" }).click();
  await expect(high.getByRole("combobox")).toHaveCount(4);
  await panel.getByRole("button", { name: "Save rules" }).click();
  await expect(panel.getByRole("status")).toHaveText("Saved.");
  expect(await (await page.request.get("/api/v1/me/notification-rules")).json()).toMatchObject({ custom: { high: false, low: false } });
  await page.setViewportSize(PHONE);
  await page.reload();
  await panel.screenshot({ path: shot("rules-defaults-phone-en") });
  await page.context().addCookies([{ name: "ic-locale", value: "ko", url: new URL("/", page.url()).toString() }]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.reload();
  await panel.screenshot({ path: shot("rules-defaults-desktop-ko") });
  await responder.close();
});
