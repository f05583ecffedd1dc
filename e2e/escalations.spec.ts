import { expect, test } from "@playwright/test";
import { contextAs } from "./support/auth";
import { e2eMode } from "./support/env";

test("a P0's team-lead step fires at 15 min on the escalations board, and a manager acknowledges it", async ({ browser }) => {
  // An admin fills in the team lead in the contacts directory (Settings), so the page goes out by SMS and call too.
  const admin = await contextAs(browser, "admin");
  const settings = await admin.newPage();
  await settings.goto("/settings");
  await settings.getByLabel("팀 리더 이름").first().fill("Lead Kim");
  await settings.getByLabel("팀 리더 전화").first().fill("010-1111-2222");
  await settings.getByTestId("contacts-save").click();
  await expect(settings.getByTestId("contact-team_lead").getByText("Use the international format")).toBeVisible();
  await expect(settings.getByText("표시된 칸을 고치세요")).toBeVisible();
  await settings.getByLabel("팀 리더 전화").first().fill("+82 10-1111-2222");
  await settings.getByTestId("contacts-save").click();
  await expect(settings.getByText("연락처를 저장했습니다")).toBeVisible();
  await expect(settings.getByTestId("escalation-settings")).toContainText("in-app outbox (not configured)");
  await admin.close();

  // The commander declares a P0 and sees the schedule in the incident room.
  const commander = await contextAs(browser, "commander");
  const room = await commander.newPage();
  const title = `주문 전체 불가 ${Date.now()}`;
  await room.goto("/incidents/new");
  await room.getByLabel("제목").fill(title);
  await room.getByText("P0 · 최고 심각").click();
  await room.getByRole("button", { name: "선언", exact: true }).click();
  await expect(room).toHaveURL(/\/incidents\/\d+$/);
  const id = Number(new URL(room.url()).pathname.split("/").pop());
  const strip = room.getByTestId("escalation-strip");
  await expect(strip).toContainText("다음: 팀 리더");
  await expect(strip.getByTestId("step-countdown")).toHaveText(/^1[45]:\d\d 후$/);

  // The manager follows the board (on a phone).
  const manager = await contextAs(browser, "manager");
  const board = await manager.newPage();
  await board.setViewportSize({ width: 390, height: 844 });
  await board.goto("/escalations");
  const card = board.getByTestId(`escalation-card-${id}`);
  await expect(card.getByTestId("next-step")).toContainText("다음: 팀 리더");
  await expect(board.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await expect(card.getByTestId("step-team_lead")).toHaveAttribute("data-state", "pending");

  // 15 minutes later (test clock) the scheduler fires the step; the board shows it without a reload.
  const advanced = await room.request.post("/api/test/clock", { data: { advanceMs: 15 * 60_000 } });
  expect(advanced.ok()).toBeTruthy();
  await expect(card.getByTestId("step-team_lead")).toHaveAttribute("data-state", "fired", { timeout: 5_000 });
  await expect(card.getByTestId("next-step")).toContainText("다음: 부서장");
  for (const channel of ["slack", "sms", "phone"]) await expect(card.getByTestId("step-team_lead").getByTestId(`delivery-${channel}`)).toHaveAttribute("data-state", "sent");
  await board.screenshot({ path: `test-results/screens/escalations-board-phone-${e2eMode()}.png`, fullPage: true });

  // The manager acknowledges from the board; who and when show on the board and in the room's timeline.
  await card.getByTestId("ack-button").click();
  await expect(card.getByTestId("acknowledged-by")).toContainText("Manager Choi 확인");
  await expect(room.getByTestId("timeline")).toContainText("팀 리더 에스컬레이션을 Manager Choi님이 확인");
  await expect(room.getByTestId("timeline")).toContainText("팀 리더에게 에스컬레이션");
  await expect(strip.getByTestId("strip-step-team_lead")).toContainText("Manager Choi 확인");
  await board.setViewportSize({ width: 1280, height: 900 });
  await board.screenshot({ path: `test-results/screens/escalations-board-${e2eMode()}.png`, fullPage: true });
  await room.screenshot({ path: `test-results/screens/escalations-room-${e2eMode()}.png`, fullPage: true });

  const api = await (await board.request.get(`/api/v1/incidents/${id}`)).json();
  expect(api.escalation.steps[0]).toMatchObject({ role: "team_lead", state: "fired", acknowledgedBy: "Manager Choi" });
  expect(api.escalation.next).toMatchObject({ role: "department_head" });

  // The notification log lists the page to the team lead, delivered to the in-app outbox.
  await board.goto(`/escalations/outbox?incident=${id}`);
  await expect(board.getByTestId("outbox-row").filter({ hasText: "팀 리더 알림" }).first()).toHaveAttribute("data-state", "sent");
  await commander.close();
  await manager.close();
});

test("a viewer sees the board but cannot acknowledge", async ({ browser }) => {
  const viewer = await contextAs(browser, "viewer");
  const page = await viewer.newPage();
  await page.goto("/escalations");
  await expect(page.getByRole("heading", { name: "에스컬레이션" })).toBeVisible();
  await expect(page.getByTestId("ack-button")).toHaveCount(0);
  const refused = await page.request.post("/api/v1/incidents/1/escalations/team_lead/ack");
  expect(refused.status()).toBe(403);
  await viewer.close();
});
