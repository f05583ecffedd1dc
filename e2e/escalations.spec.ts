import { expect, test } from "@playwright/test";
import { contextAs, pageAs, inEnglish } from "./support/auth";
import { E2E_MAIL_SMTP_PORT, e2eMode } from "./support/env";
import { parseMail, startSmtpServer } from "../tests/services/notify/smtp-server";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const shot = (name: string) => `test-results/screens/${name}-${e2eMode()}.png`;

test("a P0's team-lead step fires at 15 min on the escalations board, and a manager acknowledges it", async ({ browser }) => {
  test.setTimeout(150_000);
  // An admin fills in the team lead in the contacts directory (Settings), so the page goes out by SMS and call too.
  const { context: admin, page: settings } = await pageAs(browser, "admin");
  await settings.goto("/settings");
  await settings.getByLabel("팀 리더 이름").first().fill("Lead Kim");
  await settings.getByLabel("팀 리더 전화").first().fill("010-1111-2222");
  await settings.getByTestId("contacts-save").click();
  await expect(settings.getByTestId("contact-team_lead").getByText("국가 번호를 붙인 국제 형식으로 적으세요")).toBeVisible();
  await expect(settings.getByText("표시된 칸을 고치세요")).toBeVisible();
  await settings.getByLabel("팀 리더 전화").first().fill("+82 10-1111-2222");
  await settings.getByTestId("contacts-save").click();
  await expect(settings.getByText("연락처를 저장했습니다")).toBeVisible();
  await expect(settings.getByTestId("escalation-settings")).toContainText("in-app outbox (not configured)");
  // Paging readiness in Settings: nothing is configured, so no severity reaches a person; the directory's gaps are named.
  const readiness = settings.getByTestId("settings-readiness");
  await expect(readiness.getByTestId("readiness-P0")).toHaveAttribute("data-state", "not_ready");
  await expect(readiness.getByTestId("readiness-P0-outbox_only")).toHaveText("⚠ 미설정 (앱 안에만 기록): Slack #emergency, SMS, 전화");
  await expect(readiness.getByTestId("readiness-P0-sms")).toHaveAttribute("data-state", "outbox_only");
  await expect(readiness.getByTestId("readiness-missing-phone")).toContainText("시스템 관리자");
  await expect(readiness.getByTestId("readiness-missing-phone")).not.toContainText("팀 리더");
  await settings.setViewportSize(PHONE);
  await readiness.screenshot({ path: shot("settings-readiness-phone-ko") });
  await admin.close();

  // The commander declares a P0 and sees the schedule in the incident room.
  const { context: commander, page: room } = await pageAs(browser, "commander");
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
  const { context: manager, page: board } = await pageAs(browser, "manager");
  await board.setViewportSize(PHONE);
  await board.goto("/escalations");
  // The readiness banner says, before anything fires, that these pages will reach nobody.
  const banner = board.getByTestId("readiness-banner");
  await expect(banner).toHaveAttribute("data-ready", "false");
  await expect(banner.getByTestId("readiness-P0")).toContainText("아무에게도 닿지 않음");
  await expect(banner.getByTestId("readiness-P0-outbox_only")).toContainText("미설정 (앱 안에만 기록): Slack #emergency, SMS, 전화");
  await expect(banner.getByTestId("readiness-missing-phone")).toContainText("부서장");
  const card = board.getByTestId(`escalation-card-${id}`);
  await expect(card.getByTestId("next-step")).toContainText("다음: 팀 리더");
  await expect(board.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await expect(card.getByTestId("step-team_lead")).toHaveAttribute("data-state", "pending");

  // 15 minutes later (test clock) the scheduler fires the step; the board shows it without a reload.
  const advanced = await room.request.post("/api/test/clock", { data: { advanceMs: 15 * 60_000 } });
  expect(advanced.ok()).toBeTruthy();
  await expect(card.getByTestId("step-team_lead")).toHaveAttribute("data-state", "fired", { timeout: 5_000 });
  await expect(card.getByTestId("next-step")).toContainText("다음: 부서장");
  // Nothing is configured: the page was only recorded in the app, and the board says so in words, not green, no tick.
  for (const channel of ["slack", "sms", "phone"]) {
    const chip = card.getByTestId("step-team_lead").getByTestId(`delivery-${channel}`);
    await expect(chip).toHaveAttribute("data-state", "outbox_only");
    await expect(chip).not.toContainText("✓");
    await expect(chip).not.toHaveClass(/emerald/);
  }
  await expect(card.getByTestId("step-team_lead").getByTestId("delivery-slack")).toHaveText("⚠앱 안에만 기록 — Slack 미설정");
  await expect(card.getByTestId("delivery-slack").last()).toHaveAttribute("data-state", "outbox_only");
  await board.screenshot({ path: shot("escalations-board-phone"), fullPage: true });

  // The manager acknowledges from the board; who and when show on the board and in the room's timeline.
  await card.getByTestId("ack-button").click();
  await expect(card.getByTestId("acknowledged-by")).toContainText("Manager Choi 확인");
  await expect(room.getByTestId("timeline")).toContainText("팀 리더 에스컬레이션을 Manager Choi님이 확인");
  await expect(room.getByTestId("timeline")).toContainText("팀 리더에게 에스컬레이션");
  await expect(strip.getByTestId("strip-step-team_lead")).toContainText("Manager Choi 확인");
  // The room says it too: the declared page and the team lead's page reached the app only.
  await expect(strip.getByTestId("room-deliveries-team_lead").getByTestId("delivery-sms")).toHaveText("⚠앱 안에만 기록 — SMS 미설정");
  await expect(strip.getByTestId("room-deliveries-events").getByTestId("delivery-slack")).toHaveAttribute("data-state", "outbox_only");
  await board.setViewportSize(DESKTOP);
  await board.screenshot({ path: shot("escalations-board"), fullPage: true });
  await room.setViewportSize(DESKTOP);
  await room.screenshot({ path: shot("escalations-room"), fullPage: true });
  await room.setViewportSize(PHONE);
  await strip.screenshot({ path: shot("escalations-room-strip-phone") });

  const api = await (await board.request.get(`/api/v1/incidents/${id}`)).json();
  expect(api.escalation.steps[0]).toMatchObject({ role: "team_lead", state: "fired", acknowledgedBy: "Manager Choi" });
  expect(api.escalation.next).toMatchObject({ role: "department_head" });
  const deliveries = (await (await board.request.get(`/api/v1/escalations?incidentId=${id}`)).json()).steps[0].deliveries;
  expect(deliveries.map((d: { state: string; via: string }) => `${d.state}/${d.via}`)).toEqual([
    "outbox_only/outbox",
    "outbox_only/outbox",
    "outbox_only/outbox",
  ]);

  // The notification log lists the page to the team lead, delivered to the in-app outbox.
  await board.goto(`/escalations/outbox?incident=${id}`);
  await expect(board.getByTestId("outbox-row").filter({ hasText: "팀 리더 알림" }).first()).toHaveAttribute("data-state", "outbox_only");
  await commander.close();
  await manager.close();

  // The same in English, on a phone and a desktop.
  const english = await inEnglish(browser, "manager");
  const en = await english.newPage();
  await en.setViewportSize(PHONE);
  await en.goto("/escalations");
  await expect(en.getByTestId("readiness-banner").getByTestId("readiness-P0")).toContainText("reaches nobody");
  await expect(en.getByTestId("readiness-banner").getByTestId("readiness-P0-outbox_only")).toHaveText(
    "⚠ not configured (in the app only): Slack #emergency, SMS, Call",
  );
  await expect(en.getByTestId("readiness-missing-phone")).toContainText("lack a phone number (no SMS or call)");
  await expect(en.getByTestId(`escalation-card-${id}`).getByTestId("step-team_lead").getByTestId("delivery-slack")).toHaveText(
    "⚠Recorded in the app only — Slack not configured",
  );
  await en.screenshot({ path: shot("escalations-board-phone-en"), fullPage: true });
  await en.setViewportSize(DESKTOP);
  await en.screenshot({ path: shot("escalations-board-en"), fullPage: true });
  await en.goto(`/incidents/${id}`);
  await expect(en.getByTestId("room-deliveries-team_lead").getByTestId("delivery-phone")).toHaveText(
    "⚠Recorded in the app only — Call not configured",
  );
  await en.screenshot({ path: shot("escalations-room-en"), fullPage: true });
  await en.setViewportSize(PHONE);
  await en.getByTestId("escalation-strip").screenshot({ path: shot("escalations-room-strip-phone-en") });
  await english.close();
  const adminEn = await inEnglish(browser, "admin", undefined, { viewport: DESKTOP });
  const settingsEn = await adminEn.newPage();
  await settingsEn.goto("/settings#paging-readiness");
  // Email is configured for these servers (the capture of the journey below) but no directory entry has an address.
  await expect(settingsEn.getByTestId("settings-readiness").getByTestId("readiness-P2-outbox_only")).toHaveText(
    "⚠ not configured (in the app only): Slack #alerts",
  );
  await expect(settingsEn.getByTestId("settings-readiness").getByTestId("readiness-P2-email")).toHaveAttribute("data-state", "nobody");
  await settingsEn.getByTestId("settings-readiness").screenshot({ path: shot("settings-readiness-en") });
  await adminEn.close();
});

test("the on-call team lead's email holds the acknowledge link: opened without a session it acknowledges the step, once", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const HOUR = 3_600_000;
  // The app's email goes to this capture (playwright.config.ts SMTP_URL); it listens only during this journey.
  const smtp = await startSmtpServer(E2E_MAIL_SMTP_PORT);
  const admin = await contextAs(browser, "admin");
  const commander = await contextAs(browser, "commander");
  const api = commander.request;
  let scheduleId: string | undefined;
  let incident: { id: number } | undefined;
  try {
    // A team-lead schedule puts Responder Park on call: the step emails them (an app user) the link.
    const users: { id: string; email: string }[] = (await (await admin.request.get("/api/v1/users?all")).json()).items;
    const responderId = users.find((u) => u.email === "responder@example.com")!.id;
    const serverNow = Date.parse((await (await api.get("/api/v1/oncall/summary")).json()).at);
    const yesterday = new Date(serverNow + 9 * HOUR - 24 * HOUR).toISOString().slice(0, 10);
    const schedule = await admin.request.post("/api/v1/schedules", {
      data: {
        role: "team_lead",
        layers: [{ members: [responderId], rotation: { kind: "weekly" }, handoff: "00:00", startDate: yesterday }],
      },
    });
    expect(schedule.status()).toBe(201);
    scheduleId = ((await schedule.json()) as { id: string }).id;

    // A P0; the commander follows the board.
    const title = `메일 링크 확인 ${Date.now()}`;
    const declared = await api.post("/api/v1/incidents", { data: { title, severity: "P0" } });
    expect(declared.status()).toBe(201);
    incident = (await declared.json()) as { id: number };
    const board = await commander.newPage();
    await board.setViewportSize(DESKTOP);
    await board.goto("/escalations");
    await expect(board.getByTestId("live-state")).toHaveAttribute("data-state", "live");
    const card = board.getByTestId(`escalation-card-${incident.id}`);
    const step = card.getByTestId("step-team_lead");
    await expect(step).toHaveAttribute("data-state", "pending");

    // 15 minutes later (test clock) the step fires and the team lead's email arrives with the link.
    expect((await api.post("/api/test/clock", { data: { advanceMs: 15 * 60_000 } })).ok()).toBeTruthy();
    await expect(step).toHaveAttribute("data-state", "fired", { timeout: 10_000 });
    const mails = () =>
      smtp.mails
        .filter((m) => m.to.includes("responder@example.com"))
        .map((m) => parseMail(m.data))
        .filter((m) => m.text.includes(`incident #${incident!.id}`));
    await expect.poll(() => mails().length, { timeout: 20_000 }).toBe(1);
    const mail = mails()[0];
    expect(mail.text).toContain("팀 리더 알림");
    const link = /https?:\/\/\S+\/ack\/[A-Za-z0-9._-]+/.exec(mail.text)?.[0];
    expect(link, `an acknowledge link in: ${mail.text}`).toBeTruthy();
    await expect(step.getByTestId("delivery-email")).toHaveAttribute("data-state", "delivered");
    await expect(step.getByTestId("acknowledged-by")).toHaveCount(0);

    // Opened in a fresh browser without a session (the phone's mail app): the step is acknowledged.
    const phone = await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul", viewport: PHONE });
    const opened = await phone.newPage();
    await opened.goto(link!);
    await expect(opened.getByTestId("ack-result")).toHaveAttribute("data-state", "acknowledged");
    await expect(opened.getByTestId("ack-result")).toContainText("확인했습니다. 이 에스컬레이션 단계의 재알림을 멈췄습니다.");
    await expect(opened.getByTestId("ack-result")).toContainText(`팀 리더 에스컬레이션 · 장애 #${incident.id}`);
    await expect(opened.getByTestId("ack-who")).toContainText("Responder Park님이");
    await opened.screenshot({ path: shot("escalations-email-ack-phone") });
    await phone.close();

    // The board shows it without a reload, and the room's timeline says it came by the email link.
    await expect(step.getByTestId("acknowledged-by")).toContainText("Responder Park 확인", { timeout: 10_000 });
    await board.screenshot({ path: shot("escalations-email-acked"), fullPage: true });
    const detail = await (await api.get(`/api/v1/incidents/${incident.id}`)).json();
    expect(detail.escalation.steps[0]).toMatchObject({ role: "team_lead", state: "fired", acknowledgedBy: "Responder Park" });

    // The same link again, in another fresh browser: refused, nothing changes.
    const again = await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul" });
    const second = await again.newPage();
    await second.goto(link!);
    await expect(second.getByTestId("ack-result")).toHaveAttribute("data-state", "used");
    await expect(second.getByTestId("ack-result")).toContainText("이미 사용한 링크입니다");
    const token = link!.split("/ack/")[1];
    const replay = await second.request.post(`${new URL(link!).origin}/api/ack/${token}`);
    expect(replay.status()).toBeGreaterThanOrEqual(400);
    expect(replay.status()).toBeLessThan(500);
    expect(((await replay.json()) as { outcome: { state: string } }).outcome.state).toBe("used");
    await again.close();
  } finally {
    // Clean up: later journeys expect the contacts directory to answer for the team lead, and no open P0 of ours.
    if (incident) {
      const { version } = (await (await api.get(`/api/v1/incidents/${incident.id}`)).json()) as { version: number };
      await api.patch(`/api/v1/incidents/${incident.id}`, { data: { status: "resolved", reason: "e2e clean-up", version } });
    }
    if (scheduleId) expect((await admin.request.delete(`/api/v1/schedules/${scheduleId}`)).status()).toBe(204);
    await commander.close();
    await admin.close();
    await smtp.close();
  }
});

test("a viewer sees the board but cannot acknowledge", async ({ browser }) => {
  const { context: viewer, page } = await pageAs(browser, "viewer");
  await page.goto("/escalations");
  await expect(page.getByRole("heading", { name: "에스컬레이션" })).toBeVisible();
  await expect(page.getByTestId("ack-button")).toHaveCount(0);
  const refused = await page.request.post("/api/v1/incidents/1/escalations/team_lead/ack");
  expect(refused.status()).toBe(403);
  await viewer.close();
});
