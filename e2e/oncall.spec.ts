import { expect, test } from "@playwright/test";
import { contextAs, pageAs, signInThroughForm, stateFile } from "./support/auth";
import { E2E_MAIL_SMTP_PORT, E2E_PORTS, e2eMode } from "./support/env";
import { parseMail, startSmtpServer } from "../tests/services/notify/smtp-server";

const PHONE = { width: 390, height: 844 };
const shot = (name: string) => `test-results/screens/${name}-${e2eMode()}.png`;
const HOUR = 3_600_000;
/** The value a datetime-local field in Asia/Seoul (the browser's zone here) shows for an instant. */
const seoulInput = (ms: number) => new Date(ms + 9 * HOUR).toISOString().slice(0, 16);

test("a weekly team-lead rotation with an override: the P0's team-lead step pages the override person, and the board says who was paged", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { context: commander, page } = await pageAs(browser, "commander");

  // Create the team lead's schedule: a weekly rotation of two people.
  await page.goto("/oncall");
  await expect(page.getByRole("heading", { name: "온콜", exact: true })).toBeVisible();
  await page.getByTestId("schedule-create-team_lead").click();
  await expect(page).toHaveURL(/\/oncall\/new\?role=team_lead$/);
  const layer = page.getByTestId("layer-0");
  await layer.getByLabel("구성원 추가…").selectOption({ label: "Manager Choi" });
  await layer.getByLabel("구성원 추가…").selectOption({ label: "Responder Park" });
  await expect(layer.getByText("1. Manager Choi")).toBeVisible();
  await expect(layer.getByText("2. Responder Park")).toBeVisible();
  await expect(page.getByTestId("rota-row-final")).toContainText("Manager Choi");
  await page.getByTestId("save-schedule").click();
  await expect(page).toHaveURL(/\/oncall\/[\w-]+$/);
  const scheduleId = new URL(page.url()).pathname.split("/").pop()!;

  // An override: the second person covers the next hours (times from the server's clock: the test clock may have moved).
  const serverNow = Date.parse((await (await page.request.get("/api/v1/oncall/summary")).json()).at);
  const form = page.getByTestId("override-form");
  await form.getByLabel("누가").selectOption({ label: "Responder Park" });
  // An end before the start is refused next to the field, nothing is added.
  await form.getByLabel("시작").fill(seoulInput(serverNow + HOUR));
  await form.getByLabel("종료").fill(seoulInput(serverNow));
  await form.getByRole("button", { name: "대체 근무 추가" }).click();
  await expect(page.getByTestId("override-error")).toContainText("대체 근무가 시작 전에 끝납니다");
  await form.getByLabel("시작").fill(seoulInput(serverNow - HOUR));
  await form.getByLabel("종료").fill(seoulInput(serverNow + 3 * HOUR));
  await form.getByRole("button", { name: "대체 근무 추가" }).click();
  await expect(page.getByTestId("override-list")).toContainText("Responder Park");
  await expect(page.getByTestId("rota-row-overrides")).toContainText("Responder Park");
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: shot("oncall-editor-phone-ko"), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // The override person gives the number they are paged on (My shifts, on a phone), and sees the shift there.
  const { context: responder, page: mine } = await pageAs(browser, "responder");
  await mine.setViewportSize(PHONE);
  await mine.goto("/oncall/me");
  await expect(mine.getByTestId("my-shift-list")).toContainText("팀 리더");
  await mine.getByLabel("전화번호").fill("+82 10-5555-0101");
  await mine.getByRole("button", { name: "저장", exact: true }).click();
  await expect(mine.getByText("저장했습니다")).toBeVisible();
  await mine.screenshot({ path: shot("oncall-my-shifts-phone-ko"), fullPage: true });
  await responder.close();

  // The board says who is on call now.
  const board = await commander.newPage();
  await board.goto("/escalations");
  await expect(board.getByTestId("oncall-team_lead-now")).toHaveText("Responder Park");

  // A P0, then 15 minutes (test clock): the team-lead step goes to the override person.
  const declared = await page.request.post("/api/v1/incidents", { data: { title: `결제 전체 불가 (온콜) ${Date.now()}`, severity: "P0" } });
  expect(declared.status()).toBe(201);
  const incident = await declared.json();
  const card = board.getByTestId(`escalation-card-${incident.id}`);
  await expect(card.getByTestId("step-oncall-team_lead")).toHaveText("온콜: Responder Park");
  expect((await page.request.post("/api/test/clock", { data: { advanceMs: 15 * 60_000 } })).ok()).toBeTruthy();
  await expect(card.getByTestId("step-team_lead")).toHaveAttribute("data-state", "fired", { timeout: 10_000 });
  await expect(card.getByTestId("step-paged-team_lead")).toHaveText("호출한 사람: Responder Park");
  await board.screenshot({ path: shot("oncall-board-paged-ko"), fullPage: true });

  const notifications = await (await page.request.get(`/api/v1/notifications?incidentId=${incident.id}`)).json();
  const recipients = notifications.items
    .filter((n: { event: string }) => n.event === "escalation")
    .map((n: { recipient: string | null }) => n.recipient);
  expect(recipients).toContain("Responder Park (team_lead)");
  expect(recipients).not.toContain("Manager Choi (team_lead)");

  // Clean up: later journeys expect the contacts directory to answer for the team lead.
  await page.request.patch(`/api/v1/incidents/${incident.id}`, {
    data: { status: "resolved", reason: "e2e clean-up", version: incident.version },
  });
  expect((await page.request.delete(`/api/v1/schedules/${scheduleId}`)).status()).toBe(204);
  await commander.close();
});

test("a deactivated member's day is covered by the next member, visibly; a coming gap with no contact makes paging not ready", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { context: admin, page } = await pageAs(browser, "admin");
  const api = page.request;
  const users: { id: string; name: string; email: string }[] = (await (await api.get("/api/v1/users?all")).json()).items;
  const idOf = (email: string) => users.find((u) => u.email === email)!.id;
  const viewerId = idOf("viewer@example.com");
  const managerId = idOf("manager@example.com");
  // Seoul's yesterday on the server's (test) clock: a daily rotation from then puts the viewer on today.
  const serverNow = Date.parse((await (await api.get("/api/v1/oncall/summary")).json()).at);
  const yesterday = new Date(serverNow + 9 * HOUR - 24 * HOUR).toISOString().slice(0, 10);
  const daily = await api.post("/api/v1/schedules", {
    data: {
      role: "executive",
      layers: [{ members: [managerId, viewerId], rotation: { kind: "daily" }, handoff: "00:00", startDate: yesterday }],
    },
  });
  expect(daily.status()).toBe(201);
  const executive = await daily.json();
  // Network admin: office hours only, and no directory entry — nights and weekends page nobody.
  const officeHours = await api.post("/api/v1/schedules", {
    data: {
      role: "network_admin",
      layers: [
        {
          members: [idOf("commander@example.com")],
          rotation: { kind: "weekly" },
          handoff: "09:00",
          startDate: yesterday,
          restrictions: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" }],
        },
      ],
    },
  });
  expect(officeHours.status()).toBe(201);
  const network = await officeHours.json();
  const directory: { id: string; role: string }[] = (await (await api.get("/api/v1/contacts")).json()).items;
  const put = (contacts: object[]) => api.put("/api/v1/contacts", { data: { contacts } });
  const withoutNetwork = directory.filter((c) => c.role !== "network_admin");
  // Back as it was: the network admin's entries come back as new entries (their ids were removed with them).
  const restore = () => put(directory.map((c) => (c.role === "network_admin" ? { ...c, id: undefined } : c)));
  expect((await put(withoutNetwork)).ok()).toBeTruthy();

  try {
    // Before: the viewer is on call for the executive today.
    await page.goto("/escalations");
    await expect(page.getByTestId("oncall-executive-now")).toHaveText("Viewer Jung");

    // Deactivated: the next member covers, and every screen says so.
    expect((await api.patch(`/api/v1/users/${viewerId}`, { data: { active: false } })).ok()).toBeTruthy();
    await page.reload();
    await expect(page.getByTestId("oncall-executive-now")).toHaveText("Manager Choi");
    await expect(page.getByTestId("oncall-executive-covering")).toHaveText("Viewer Jung 님 대신 (비활성 계정)");
    const who = await (await api.get("/api/v1/oncall?role=executive")).json();
    expect(who.user).toMatchObject({ id: managerId });

    // The readiness banner: the network admin's coming gaps reach nobody; P0 is not ready for them.
    const banner = page.getByTestId("readiness-banner");
    await expect(banner).toHaveAttribute("data-ready", "false");
    await expect(banner.getByTestId("readiness-P0-uncovered")).toContainText("네트워크 관리자");
    await expect(banner.getByTestId("readiness-coverage-network_admin")).toHaveAttribute("data-unreachable", "true");
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: shot("oncall-board-covering-phone-ko"), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The editor marks the member and shows who covers in the final rota.
    await page.goto(`/oncall/${executive.id}`);
    await expect(page.getByTestId(`member-inactive-${viewerId}`)).toBeVisible();
    await expect(page.getByTestId("rota-row-final")).toContainText("Viewer Jung 님 대신");
    await page.screenshot({ path: shot("oncall-editor-inactive-phone-ko"), fullPage: true });

    // Settings: coverage gaps per schedule, with the way to fix them.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/settings#paging-readiness");
    const settings = page.getByTestId("settings-readiness");
    await expect(settings.getByTestId("readiness-coverage-network_admin")).toContainText("아무에게도 호출하지 못합니다");
    await expect(settings.getByTestId("readiness-coverage-executive")).toHaveCount(0); // around the clock: no gaps
    await settings.getByTestId("readiness-coverage").screenshot({ path: shot("oncall-settings-coverage-ko") });

    // A directory entry for the role answers in the gaps: no longer unreachable.
    const entry = { role: "network_admin", name: "Network Oh", phone: "", email: "", slackHandle: "" };
    expect((await put([...withoutNetwork, entry])).ok()).toBeTruthy();
    await page.reload();
    await expect(settings.getByTestId("readiness-coverage-network_admin")).toHaveAttribute("data-unreachable", "false");
    await expect(settings.getByTestId("readiness-coverage-network_admin")).toContainText("Network Oh");
  } finally {
    await restore();
    await api.patch(`/api/v1/users/${viewerId}`, { data: { active: true } });
    await api.delete(`/api/v1/schedules/${executive.id}`);
    await api.delete(`/api/v1/schedules/${network.id}`);
    // Deactivation ended the viewer's sessions: sign in again for the journeys after this one.
    const viewer = await browser.newContext({ baseURL: `http://localhost:${E2E_PORTS[0]}`, locale: "ko-KR" });
    const signIn = await viewer.newPage();
    await signInThroughForm(signIn, "viewer");
    await expect(signIn).toHaveURL(/\/incidents$/);
    await viewer.storageState({ path: stateFile("viewer") });
    await viewer.close();
    await admin.close();
  }
});

test("push on this device: the app is installable (manifest, service worker served without a session), My shifts shows this device's state, lists my devices and removes one", async ({
  browser,
}) => {
  // Served to anyone: Chromium fetches the manifest without cookies, and the worker's update checks must not hit the login page.
  const anonymous = await browser.newContext();
  const manifest = await anonymous.request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(await manifest.json()).toMatchObject({ short_name: "장애 대응", display: "standalone", start_url: "/incidents" });
  const worker = await anonymous.request.get("/sw.js", { maxRedirects: 0 });
  expect(worker.status()).toBe(200);
  expect(worker.headers()["content-type"]).toContain("javascript");
  expect(worker.headers()["cache-control"]).toBe("no-cache");
  for (const icon of ["/icons/icon-192.png", "/icons/icon-512.png", "/icons/maskable-512.png"])
    expect((await anonymous.request.get(icon, { maxRedirects: 0 })).status(), icon).toBe(200);
  await anonymous.close();

  const responder = await contextAs(browser, "responder");
  await responder.grantPermissions(["notifications"]);
  const page = await responder.newPage();
  await page.setViewportSize(PHONE);
  await page.goto("/oncall/me");
  const push = page.getByTestId("my-push");
  await expect(push.getByRole("heading", { name: "푸시 알림" })).toBeVisible();
  await expect(push.getByTestId("push-device-state")).toHaveAttribute("data-state", "off");
  await expect(push.getByRole("button", { name: "이 기기에서 푸시 받기" })).toBeVisible();
  // the service worker registers under the page's CSP, with the whole app as its scope
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.register("/sw.js", { scope: "/" })).scope);
  expect(scope).toBe(new URL("/", page.url()).toString());

  // A phone subscribed elsewhere (a subscription as a browser gives it; this headless browser has no push service).
  const p256dh = "B" + "A".repeat(86);
  const added = await page.request.post("/api/v1/push/subscriptions", {
    data: { endpoint: "https://fcm.googleapis.com/fcm/send/e2e-device", keys: { p256dh, auth: "A".repeat(22) }, label: "Chrome · Android" },
  });
  expect(added.status()).toBe(201);
  await page.reload();
  await expect(push.getByTestId("push-devices")).toContainText("Chrome · Android");
  await page.screenshot({ path: shot("push-my-devices-phone-ko"), fullPage: true });
  await push.screenshot({ path: shot("push-panel-phone-ko") });

  await page.context().addCookies([{ name: "ic-locale", value: "en", url: new URL("/", page.url()).toString() }]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.reload();
  await expect(push.getByRole("heading", { name: "Push notifications" })).toBeVisible();
  await expect(push.getByRole("button", { name: "Get push on this device" })).toBeVisible();
  await push.screenshot({ path: shot("push-panel-desktop-en") });
  await page.screenshot({ path: shot("push-my-devices-desktop-en"), fullPage: true });

  // Subscribing this headless browser: Chromium without a push service refuses, and the panel says so.
  await push.getByRole("button", { name: "Get push on this device" }).click();
  await expect(push.getByRole("alert").or(push.getByTestId("push-device-state").and(page.locator("[data-state=on]")))).toBeVisible({
    timeout: 20_000,
  });
  await push.screenshot({ path: shot("push-panel-subscribe-desktop-en") });

  const removes = push.getByRole("button", { name: "Remove" });
  for (let n = await removes.count(); n > 0; n--) {
    await removes.first().click();
    await expect(removes).toHaveCount(n - 1);
  }
  await expect(push.getByText("No device takes push yet.")).toBeVisible();
  await page.setViewportSize(PHONE);
  await page.context().addCookies([{ name: "ic-locale", value: "ko", url: new URL("/", page.url()).toString() }]);
  await page.reload();
  await expect(push.getByText("푸시를 받는 기기가 없습니다.")).toBeVisible();
  await push.screenshot({ path: shot("push-panel-empty-phone-ko") });
  await responder.close();
});

test("contact methods verified by a code on My shifts: the emailed code (local SMTP capture) verifies the address; a wrong one is refused in the reader's language", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  // The app's email goes to this capture (playwright.config.ts SMTP_URL); SMS is not configured on these servers.
  const smtp = await startSmtpServer(E2E_MAIL_SMTP_PORT);
  const responder = await contextAs(browser, "responder");
  try {
    const page = await responder.newPage();
    expect(
      (await page.request.put("/api/v1/me/paging-contact", { data: { phone: "+82 10-5555-0101", slackHandle: "" } })).ok(),
    ).toBeTruthy();
    await page.setViewportSize(PHONE);
    await page.goto("/oncall/me");
    const reach = page.getByTestId("my-reach");
    await expect(reach.getByTestId("method-email")).toHaveText("이메일: 미확인");
    await expect(reach.getByTestId("method-sms")).toHaveAttribute("data-state", "unverified");

    // The code goes by email; a wrong one is refused with the tries left, the right one verifies the address.
    const row = reach.getByTestId("verify-email");
    await row.getByRole("button", { name: "코드 보내기" }).click();
    await expect(row.getByTestId("verify-email-sent")).toHaveText("이메일(으)로 6자리 코드를 보냈습니다. 10분 안에 입력하세요.");
    const codes = () =>
      smtp.mails
        .filter((m) => m.to.includes("responder@example.com"))
        .map((m) => /verification code: (\d{6})/.exec(parseMail(m.data).text)?.[1])
        .filter((c): c is string => Boolean(c));
    await expect.poll(() => codes().length, { timeout: 15_000 }).toBe(1);
    const code = codes()[0];
    await row.getByLabel("확인 코드").fill(code === "000000" ? "111111" : "000000");
    await row.getByRole("button", { name: "확인", exact: true }).click();
    await expect(row.getByTestId("verify-email-error")).toHaveText("코드가 틀렸습니다. 4번 더 시도할 수 있습니다.");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await reach.screenshot({ path: shot("verify-code-wrong-phone-ko") });
    await row.getByLabel("확인 코드").fill(code);
    await row.getByRole("button", { name: "확인", exact: true }).click();
    await expect(reach.getByTestId("method-email")).toHaveText("이메일: 확인됨");
    await expect(reach.getByTestId("verify-email")).toHaveCount(0);

    // SMS cannot be sent by these servers: the reason, and the other way to verify, in Korean.
    await reach.getByTestId("verify-sms").getByRole("button", { name: "코드 보내기" }).click();
    await expect(reach.getByTestId("verify-sms-error")).toHaveText(
      "이 서버는 아직 SMS를 보낼 수 없어 코드를 보낼 수 없습니다. 대신 테스트 알림을 보내고 그 알림에서 확인하세요.",
    );
    await reach.screenshot({ path: shot("verify-code-phone-ko") });
    await page.setViewportSize({ width: 1440, height: 900 });
    await reach.screenshot({ path: shot("verify-code-desktop-ko") });

    // The same in English.
    await page.context().addCookies([{ name: "ic-locale", value: "en", url: new URL("/", page.url()).toString() }]);
    await page.reload();
    await expect(reach.getByTestId("method-email")).toHaveText("Email: verified");
    await reach.getByTestId("verify-sms").getByRole("button", { name: "Send a code" }).click();
    await expect(reach.getByTestId("verify-sms-error")).toHaveText(
      "This server cannot send SMS yet, so no code can be sent: send yourself a test page and acknowledge it instead.",
    );
    await reach.screenshot({ path: shot("verify-code-desktop-en") });
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await reach.screenshot({ path: shot("verify-code-phone-en") });
    await page.context().addCookies([{ name: "ic-locale", value: "ko", url: new URL("/", page.url()).toString() }]);

    // On call: the admins' readiness view shows the verified address and warns about the unverified number.
    const admin = await contextAs(browser, "admin");
    try {
      const api = admin.request;
      const users: { id: string; email: string }[] = (await (await api.get("/api/v1/users?all")).json()).items;
      const responderId = users.find((u) => u.email === "responder@example.com")!.id;
      const serverNow = Date.parse((await (await api.get("/api/v1/oncall/summary")).json()).at);
      const yesterday = new Date(serverNow + 9 * HOUR - 24 * HOUR).toISOString().slice(0, 10);
      const created = await api.post("/api/v1/schedules", {
        data: {
          role: "executive",
          layers: [{ members: [responderId], rotation: { kind: "weekly" }, handoff: "00:00", startDate: yesterday }],
        },
      });
      expect(created.status()).toBe(201);
      const scheduleId = ((await created.json()) as { id: string }).id;
      try {
        const view = await admin.newPage();
        await view.setViewportSize(PHONE);
        await view.goto("/oncall/readiness");
        const person = view.getByTestId(`readiness-${responderId}`);
        await expect(person.getByTestId("method-email")).toHaveText("이메일: 확인됨");
        await expect(person.getByTestId("method-sms")).toHaveText("SMS: 미확인");
        await expect(person.getByTestId("readiness-unverified")).toHaveText(
          "⚠ 미확인: SMS, 전화 — 호출은 가지만 닿는지는 아직 확인되지 않았습니다.",
        );
        expect(await view.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await view.screenshot({ path: shot("verify-readiness-phone-ko"), fullPage: true });
        await view.setViewportSize({ width: 1440, height: 900 });
        await view.screenshot({ path: shot("verify-readiness-desktop-ko"), fullPage: true });
        await admin.addCookies([{ name: "ic-locale", value: "en", url: new URL("/", view.url()).toString() }]);
        await view.reload();
        await expect(person.getByTestId("readiness-unverified")).toHaveText(
          "⚠ Not verified: SMS, Call — pages still go there, but nobody has proved they arrive.",
        );
        await view.screenshot({ path: shot("verify-readiness-desktop-en"), fullPage: true });
        await view.setViewportSize(PHONE);
        await view.screenshot({ path: shot("verify-readiness-phone-en"), fullPage: true });
      } finally {
        expect((await api.delete(`/api/v1/schedules/${scheduleId}`)).status()).toBe(204);
      }
    } finally {
      await admin.close();
    }
  } finally {
    await responder.close();
    await smtp.close();
  }
});
