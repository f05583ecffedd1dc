// The public status page journey: a P1 on 결제 → the commander publishes "identified" → an anonymous
// visitor sees 결제 as a partial outage with the update's text, never the internal note or title; a
// subscriber (double opt-in through a local SMTP capture) gets the update once, unsubscribes with the link
// in it and gets nothing after.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { contextAs, inEnglish, stateFile } from "./support/auth";
import { shootBoth } from "./support/screens";
import { E2E_STATUS_SMTP_PORT } from "./support/env";
import { parseMail, startSmtpServer, type SmtpTestServer } from "../tests/services/notify/smtp-server";
import { entriesOf, parseAtomFeed, validateXml } from "../tests/support/atom-feed";

let smtp: SmtpTestServer;
// a webhook receiver that accepts everything (Settings → Status page lists its deliveries)
const hookBodies: string[] = [];
const hookServer = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString("utf8")));
  req.on("end", () => {
    hookBodies.push(body);
    res.writeHead(204).end();
  });
});
test.beforeAll(async () => {
  smtp = await startSmtpServer(E2E_STATUS_SMTP_PORT);
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
});
test.afterAll(async () => {
  await smtp?.close();
  await new Promise<void>((r) => hookServer.close(() => r()));
});

const mailsTo = (to: string) => smtp.mails.filter((m) => m.to.includes(to)).map((m) => parseMail(m.data));
const linkIn = (text: string, path: string) => {
  const m = new RegExp(`https?://\\S+${path.replace(/\//g, "\\/")}\\?token=[A-Za-z0-9._-]+`).exec(text);
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return new URL(m[0]);
};

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };

/** Where an element ends, from the top of the page (not of the scrolled viewport). */
const bottomOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);

/**
 * On a phone the room's status panel is one line, and it and the commander's actions are on the first screen,
 * with no sideways scrolling.
 */
async function expectFoldedOnPhone(room: Page, line: RegExp, shot: string) {
  await room.setViewportSize(PHONE);
  await room.evaluate(() => window.scrollTo(0, 0));
  const panel = room.getByTestId("status-room-panel");
  await expect(panel.getByTestId("status-summary")).toHaveText(line);
  await expect(panel.getByTestId("status-summary")).toHaveAttribute("aria-expanded", "false");
  await expect(panel.getByTestId("status-panel-body")).toBeHidden();
  expect(await bottomOf(room, "commander-actions"), "the commander's actions within the first 844 px").toBeLessThanOrEqual(PHONE.height);
  expect(await bottomOf(room, "status-summary"), "the folded panel within the first 844 px").toBeLessThanOrEqual(PHONE.height);
  expect(await room.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await room.screenshot({ path: `test-results/screens/status-${shot}-390.png` });
}

/** The page on a phone and a desktop (1280 px): test-results/screens/status-<name>-390.png and -desktop.png. */
const shoot = (page: Page, name: string) => shootBoth(page, `status-${name}`, { width: 1280, height: 900 });

test("P1 on 결제: the published update reaches the public page, the feed and a subscriber once; nothing private leaks", async ({
  browser,
  baseURL,
}) => {
  const stamp = Date.now();
  const email = `customer-${stamp}@example.net`;
  // an internal title of a usual length (one line on a phone, as the 844 px check below assumes), unique to this run
  const internalTitle = `내부 PG 타임아웃 ${stamp.toString(36)}`;
  const note = `INTERNAL-NOTE 김대리 DB 비밀번호 교체 필요 ${stamp}`;
  const updateText = `결제가 일부 실패하고 있습니다. 원인을 파악해 복구 중입니다 (${stamp}).`;

  // An anonymous visitor, without JavaScript: the page is server-rendered and the form posts without it.
  const anon = await browser.newContext({ javaScriptEnabled: false, locale: "ko-KR" });
  const visitor = await anon.newPage();
  const response = await visitor.goto("/status");
  expect(response?.status()).toBe(200);
  await expect(visitor.getByRole("heading", { name: "서비스 상태", level: 1 })).toBeVisible();
  await expect(visitor.getByTestId("component-payment").getByTestId("component-state")).toHaveText("정상");
  await visitor.getByRole("textbox", { name: "이메일" }).fill(email);
  await visitor.getByRole("button", { name: "구독", exact: true }).click();
  await expect(visitor.getByRole("status")).toContainText("확인 메일을 보냈습니다");

  // Double opt-in: the confirmation email's link starts the subscription.
  await expect.poll(() => mailsTo(email).length, { timeout: 15_000 }).toBe(1);
  const confirm = linkIn(mailsTo(email)[0].text, "/status/confirm");
  await visitor.goto(`${confirm.pathname}${confirm.search}`);
  await expect(visitor.getByRole("status")).toContainText("구독이 시작되었습니다");

  // An admin adds a webhook for published updates.
  const admin = await contextAs(browser, "admin");
  const hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/status-hook/${stamp}`;
  const created = await admin.request.post("/api/v1/status/webhooks", { data: { url: hookUrl } });
  expect(created.status()).toBe(201);
  const hookId = ((await created.json()) as { id: string }).id;

  // The commander declares a P1 on 결제 (the form proposes "partial outage") and writes an internal note.
  const commander = await contextAs(browser, "commander");
  const room = await commander.newPage();
  await room.goto("/incidents/new");
  await room.getByLabel("제목").fill(internalTitle);
  await room.getByText("P1 · 높음").click();
  await room.getByTestId("declare-components").getByLabel("결제").check();
  await expect(room.getByTestId("proposed-impact")).toContainText("부분 장애");
  await room.getByRole("button", { name: "선언", exact: true }).click();
  await expect(room).toHaveURL(/\/incidents\/\d+$/);
  await room.getByRole("textbox", { name: /메모/ }).first().fill(note);
  await room.getByRole("textbox", { name: /메모/ }).first().press("Control+Enter");
  await expect(room.getByTestId("timeline")).toContainText(note);

  // Before anything is published the page says nothing about it.
  await visitor.goto("/status");
  await expect(visitor.getByTestId("component-payment").getByTestId("component-state")).toHaveText("정상");

  // On a phone the panel waits folded below the commander's actions; on a desktop it is open.
  await expectFoldedOnPhone(room, /^공개 업데이트 없음 · 작성/, "room-folded-none");
  await room.setViewportSize(DESKTOP);
  const panel = room.getByTestId("status-room-panel");
  await expect(panel.getByTestId("status-summary")).toBeHidden();

  // The room reminds of the first update (P1: 60 min) and publishes "identified" from the edited template.
  await expect(panel.getByTestId("update-reminder")).toContainText("다음 업데이트");
  await expect(panel.getByTestId("impact-editor").getByLabel("결제", { exact: true })).toHaveValue("partial_outage");
  await panel.getByRole("combobox", { name: "공개 상태" }).selectOption("identified");
  await expect(panel.getByLabel("한국어 본문")).toHaveValue(/원인을 파악했으며/);
  await panel.getByLabel("한국어 본문").fill(updateText);
  await panel.getByRole("button", { name: "업데이트 게시" }).click();
  await expect(panel.getByTestId("published-updates")).toContainText(updateText);
  // Folded on a phone it tells how old the last public update is; a tap opens it to write the next.
  await expectFoldedOnPhone(room, /^마지막 공개 업데이트 (방금 전|\d+분 전) · 업데이트 작성/, "room-folded");
  await panel.getByTestId("status-summary").click();
  await expect(panel.getByTestId("status-summary")).toHaveAttribute("aria-expanded", "true");
  await expect(panel.getByTestId("publish-form")).toBeVisible();
  await expect(panel.getByTestId("published-updates")).toContainText(updateText);
  expect(await room.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await shoot(room, "room");
  await room.setViewportSize(DESKTOP);

  // The anonymous visitor sees 결제 as a partial outage and the update, and nothing private.
  await visitor.goto("/status");
  await expect(visitor.getByTestId("component-payment").getByTestId("component-state")).toHaveText("부분 장애");
  await expect(visitor.getByTestId("public-incident")).toContainText(updateText);
  await expect(visitor.getByTestId("public-incident")).toContainText("원인 파악");
  // 90 day bars; today's on 결제 shows at least this partial outage (the day's worst), named in its tooltip
  const bars = visitor.getByTestId("component-payment").locator('[role="img"] > span');
  await expect(bars).toHaveCount(90);
  await expect(bars.last()).toHaveAttribute("title", /^\d{4}-\d\d-\d\d: (부분 장애|전면 장애)$/);
  const html = await visitor.content();
  for (const secret of [note, internalTitle, "Commander Lee", "commander@example.com"]) expect(html).not.toContain(secret);
  // The page is light: it carries the status page's words, not the whole app's catalogues and client providers.
  const raw = await (await anon.request.get("/status")).text();
  for (const appOnly of ["apiErrors", "postmortems", "oncall"]) expect(raw, "no app catalogue on /status").not.toContain(appOnly);
  await shoot(visitor, "ko");
  await visitor.goto("/status?lang=en");
  await expect(visitor.getByTestId("component-payment").getByTestId("component-state")).toHaveText("Partial outage");
  await shoot(visitor, "en");

  // The Atom feed (page and component) carries the update, validates, and leaks nothing either.
  for (const path of ["/status/feed.atom", "/status/components/payment/feed.atom"]) {
    const feed = await anon.request.get(path);
    expect(feed.headers()["content-type"]).toContain("application/atom+xml");
    const xml = await feed.text();
    expect(validateXml(xml)).toBe(true);
    const atom = parseAtomFeed(xml);
    expect(atom["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(atom.id).toMatch(/^tag:/);
    expect(atom.updated).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(atom.link.some((l) => l["@rel"] === "self")).toBe(true);
    expect(entriesOf(atom)).toHaveLength(1);
    expect(xml).toContain(updateText);
    for (const secret of [note, internalTitle, "Commander Lee"]) expect(xml).not.toContain(secret);
  }
  const other = await anon.request.get("/status/components/coupons/feed.atom");
  expect(await other.text()).not.toContain(updateText);

  // The subscriber gets the update once, with a working unsubscribe link.
  await expect.poll(() => mailsTo(email).filter((m) => m.text.includes(updateText)).length, { timeout: 15_000 }).toBe(1);
  const mail = mailsTo(email).find((m) => m.text.includes(updateText))!;
  for (const secret of [note, internalTitle]) expect(mail.text).not.toContain(secret);
  expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  const unsubscribe = linkIn(mail.text, "/status/unsubscribe");
  await visitor.goto(`${unsubscribe.pathname}${unsubscribe.search}`);
  await visitor.getByRole("button", { name: "구독 해지", exact: true }).click();
  await expect(visitor.getByRole("status")).toContainText("구독을 해지했습니다");

  // The next update is public, but the former subscriber gets nothing.
  const monitoring = `모니터링 중입니다 ${stamp}`;
  await panel.getByRole("combobox", { name: "공개 상태" }).selectOption("monitoring");
  await panel.getByLabel("한국어 본문").fill(monitoring);
  await panel.getByRole("button", { name: "업데이트 게시" }).click();
  await expect(panel.getByTestId("published-updates")).toContainText(monitoring);
  await expect
    .poll(async () => (await anon.request.get("/status/feed.atom").then((r) => r.text())).includes(monitoring), { timeout: 10_000 })
    .toBe(true);
  await new Promise((r) => setTimeout(r, 3_000)); // the deliverer ticks every second
  expect(mailsTo(email).filter((m) => m.text.includes(monitoring))).toHaveLength(0);
  expect(mailsTo(email).filter((m) => m.text.includes(updateText))).toHaveLength(1);
  expect(baseURL).toBeTruthy();

  // The webhook got the update once; Settings → Status page lists the delivery: target, HTTP status, attempts.
  expect(hookBodies.filter((b) => b.includes(updateText))).toHaveLength(1);
  for (const secret of [note, internalTitle, "Commander Lee"]) expect(hookBodies.join("\n")).not.toContain(secret);
  const settings = await admin.newPage();
  await settings.goto("/settings");
  const delivery = settings.getByTestId("webhook-delivery").filter({ hasText: hookUrl }).last();
  await expect(delivery).toContainText("HTTP 204");
  await expect(delivery).toContainText("시도 1회");
  await expect(delivery).toContainText("전달됨");
  for (const [viewport, tag] of [
    [PHONE, "390"],
    [{ width: 1440, height: 900 }, "desktop"],
  ] as const) {
    await settings.setViewportSize(viewport);
    const list = settings.getByTestId("webhook-deliveries");
    await list.screenshot({ path: `test-results/screens/status-webhook-deliveries-${tag}.png` });
    expect(await list.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  // removed, so later journeys' updates do not go to a receiver that has stopped
  expect((await admin.request.delete(`/api/v1/status/webhooks/${hookId}`)).status()).toBeLessThan(300);
  await admin.close();

  // The same folded line in English.
  const english = await browser.newContext({ storageState: stateFile("commander"), locale: "en-US", timezoneId: "Asia/Seoul" });
  const enRoom = await english.newPage();
  await enRoom.goto(room.url());
  await expectFoldedOnPhone(enRoom, /^Last public update (just now|\d+ min ago) · Write update/, "room-folded-en");
  await english.close();
  await commander.close();
  await anon.close();

  // Settings → Status page (admin): the component rows load and save unchanged, a webhook shows its secret once
  // and is removed again (no delivery reaches it: nothing is published in between).
  const statusAdmin = await contextAs(browser, "admin");
  const statusSettings = await statusAdmin.newPage();
  await statusSettings.goto("/settings");
  const section = statusSettings.getByTestId("status-settings");
  await expect(section.getByRole("textbox", { name: "이름 (한국어)" }).first()).not.toHaveValue("");
  await section.getByRole("button", { name: "저장", exact: true }).first().click();
  await expect(section.getByRole("status").filter({ hasText: "저장했습니다." })).toBeVisible();
  const hook = `https://hooks.example.net/status-${stamp}`;
  await section.getByRole("textbox", { name: "URL" }).fill(hook);
  await section.getByRole("button", { name: "웹훅 추가" }).click();
  await expect(section.getByRole("status").filter({ hasText: "whsec_" })).toBeVisible();
  const hookRow = section.getByRole("listitem").filter({ hasText: hook });
  await expect(hookRow).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  for (const [w, h, tag] of [
    [390, 844, "390"],
    [1440, 900, "desktop"],
  ] as const) {
    await statusSettings.setViewportSize({ width: w, height: h });
    await section.screenshot({ path: `test-results/screens/status-settings-ko-${tag}.png` });
  }
  await hookRow.getByRole("button", { name: "삭제" }).click();
  await expect(hookRow).toHaveCount(0);
  await statusAdmin.close();
  const adminEn = await inEnglish(browser, "admin", baseURL, { viewport: { width: 1440, height: 900 } });
  const settingsEn = await adminEn.newPage();
  await settingsEn.goto("/settings");
  await expect(settingsEn.getByTestId("status-settings").getByRole("textbox", { name: "Name (English)" }).first()).not.toHaveValue("");
  await settingsEn.getByTestId("status-settings").screenshot({ path: "test-results/screens/status-settings-en-desktop.png" });
  await adminEn.close();
});
