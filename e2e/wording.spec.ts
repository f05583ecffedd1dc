// Issue 20: a Korean team reads the role names without stopping — admin 어드민 and manager 매니저 are told
// apart in the header, Settings and the escalations board, vendors are named in Korean, English is unchanged.
// Screenshots (390 px and desktop, ko and en) go to test-results/screens/wording-*.png.
import { expect, test, type Page } from "@playwright/test";
import { contextAs, inEnglish } from "./support/auth";
import { PHONE, shootBoth } from "./support/screens";

const DESKTOP = { width: 1280, height: 900 };

const shoot = (page: Page, name: string) => shootBoth(page, `wording-${name}`, DESKTOP);

test("role names in the header, Settings and the escalations board, in Korean and in English", async ({ browser, baseURL }) => {
  // Header and Settings: the admin is 어드민, and the contacts directory keeps 시스템 관리자 for its own role.
  const admin = await contextAs(browser, "admin");
  const settings = await admin.newPage();
  await settings.goto("/settings");
  await expect(settings.getByTestId("current-user")).toContainText("어드민");
  await expect(settings.getByText("역할: 어드민")).toBeVisible();
  await expect(settings.getByTestId("contact-system_admin").getByRole("combobox")).toHaveValue("system_admin");
  await expect(settings.getByTestId("contact-system_admin").getByRole("combobox").locator("option:checked")).toHaveText("시스템 관리자");
  await expect(settings.getByTestId("contact-cloud_provider").getByRole("combobox").locator("option:checked")).toHaveText(
    "클라우드 제공업체",
  );
  await expect(settings.getByTestId("contact-cdn_provider").getByRole("combobox").locator("option:checked")).toHaveText("CDN 제공업체");
  await expect(settings.getByRole("navigation").first()).toContainText("지표");
  await shoot(settings, "settings-admin-ko");
  await admin.close();

  // A P0 whose team-lead step fired: the manager (매니저) acknowledges it on the board.
  const commander = await contextAs(browser, "commander");
  const declared = await commander.request.post("/api/v1/incidents", { data: { title: `결제 전체 불가 ${Date.now()}`, severity: "P0" } });
  expect(declared.status()).toBe(201);
  const { id } = (await declared.json()) as { id: number };
  expect((await commander.request.post("/api/test/clock", { data: { advanceMs: 15 * 60_000 } })).ok()).toBeTruthy();

  const manager = await contextAs(browser, "manager");
  const board = await manager.newPage();
  await board.setViewportSize(PHONE);
  await board.goto("/escalations");
  await expect(board.getByTestId("current-user")).toContainText("매니저");
  await expect(board.getByTestId("current-user")).not.toContainText("관리자");
  const card = board.getByTestId(`escalation-card-${id}`);
  await expect(card.getByTestId("step-team_lead")).toHaveAttribute("data-state", "fired", { timeout: 15_000 });
  await card.getByTestId("ack-button").click();
  await expect(card.getByTestId("acknowledged-by")).toContainText("Manager Choi 확인");
  await shoot(board, "board-manager-ko");

  // The same in English: names unchanged.
  const managerEn = await inEnglish(browser, "manager", baseURL!);
  const boardEn = await managerEn.newPage();
  await boardEn.setViewportSize(PHONE);
  await boardEn.goto("/escalations");
  await expect(boardEn.getByTestId("current-user")).toContainText("Manager");
  await expect(boardEn.getByTestId(`escalation-card-${id}`).getByTestId("acknowledged-by")).toContainText("Acknowledged by Manager Choi");
  await shoot(boardEn, "board-manager-en");
  await managerEn.close();

  const adminEn = await inEnglish(browser, "admin", baseURL!);
  const settingsEn = await adminEn.newPage();
  await settingsEn.goto("/settings");
  await expect(settingsEn.getByText("Role: Admin")).toBeVisible();
  await expect(settingsEn.getByTestId("contact-cloud_provider").getByRole("combobox").locator("option:checked")).toHaveText(
    "Cloud provider",
  );
  await shoot(settingsEn, "settings-admin-en");
  await adminEn.close();

  // The incident room's timeline names the role as the board does.
  const room = await commander.newPage();
  await room.goto(`/incidents/${id}`);
  await expect(room.getByTestId("timeline")).toContainText("팀 리더 에스컬레이션을 Manager Choi님이 확인");
  await commander.close();
  await manager.close();
});
