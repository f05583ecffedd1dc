// Company SSO against a real OpenID provider (oidc-provider) on a local port, started by a worker fixture:
// claims from the ID token or only from userinfo, account binding by subject, takeover attempts, the failure
// messages, RP-initiated logout, and an admin demoting / deactivating a signed-in SSO commander.
import { expect, test as base, type Browser, type Page } from "@playwright/test";
import { TestProvider } from "./support/oidc";
import { contextAs } from "./support/auth";
import { E2E_PORTS } from "./support/env";

const test = base.extend<object, { idp: TestProvider }>({
  idp: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; this one has none
    async ({}, use) => {
      const idp = new TestProvider();
      await idp.start({ claimsOnlyInUserinfo: false });
      await use(idp);
      await idp.stop();
    },
    { scope: "worker" },
  ],
});
test.describe.configure({ mode: "serial" });

const baseURL = `http://localhost:${E2E_PORTS[0]}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

async function freshPage(browser: Browser, locale = "ko-KR", width = 1280) {
  const context = await browser.newContext({ baseURL, locale, timezoneId: "Asia/Seoul", viewport: { width, height: 900 } });
  return context.newPage();
}

/** Login page → provider's login form (any password) → consent → back in the app (or on the login page with a reason). */
async function ssoSignIn(page: Page, login: string) {
  if (!page.url().includes("/login")) await page.goto("/login");
  await page.getByRole("button", { name: /Test SSO/ }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await consentIfAsked(page);
}

/** The provider asks for consent once per grant; afterwards it returns to the app straight away. */
async function consentIfAsked(page: Page) {
  const consent = page.getByRole("button", { name: "Continue" });
  await expect(consent.or(page.getByTestId("current-user")).or(page.getByTestId("login-error")).first()).toBeVisible();
  if (await consent.isVisible()) await consent.click();
}

const KO = {
  unverified: "허용되지 않은 계정입니다. Test SSO에서 이메일 주소가 인증되지 않았습니다.",
  emailTaken: "아직 이 방법으로 로그인할 수 없는 계정입니다. 같은 이메일의 계정이 이미 있습니다.",
  unreachable: "Test SSO에 연결할 수 없습니다.",
  misconfigured: "Test SSO이(가) 이 앱을 거부했습니다.",
};

test("claims in the ID token: the first sign-in creates the account with the group's role; an admin's demotion and deactivation reach the open session", async ({
  browser,
  idp,
}) => {
  idp.accounts.set("kim-sub", { email: "kim@corp.example", email_verified: true, name: "Kim Commander", groups: ["war-room"] });
  const kim = await freshPage(browser);
  await ssoSignIn(kim, "kim-sub");
  await expect(kim).toHaveURL(/\/incidents$/);
  await expect(kim.getByTestId("current-user")).toHaveAttribute("data-role", "commander");
  await expect(kim.getByTestId("current-user")).toContainText("Kim Commander");
  expect((await kim.request.post("/api/v1/incidents", { data: { title: "SSO commander declares", severity: "P3" } })).status()).toBe(201);

  // The admin demotes Kim on the users page.
  const adminContext = await contextAs(browser, "admin");
  const admin = await adminContext.newPage();
  await admin.goto("/settings/users");
  const row = admin.getByTestId("user-kim@corp.example");
  await expect(row).toContainText("SSO");
  await row.getByRole("combobox").selectOption("viewer");
  await expect(admin.getByTestId("users-notice")).toHaveText("저장했습니다.");
  await shot(admin, "users-admin-ko");
  // Worst case for another instance: its cached view of Kim is at most SESSION_CHECK_MS (30 s) old.
  await admin.request.post("/api/test/clock", { data: { advanceMs: 30_000 } });
  const refused = await kim.request.post("/api/v1/incidents", { data: { title: "after demotion", severity: "P3" } });
  expect(refused.status()).toBe(403);
  await kim.reload();
  await expect(kim.getByTestId("current-user")).toHaveAttribute("data-role", "viewer");

  // Deactivation ends the session.
  admin.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "비활성화" }).click();
  await expect(row.getByRole("button", { name: "다시 활성화" })).toBeVisible();
  expect((await kim.request.get("/api/v1/me")).status()).toBe(401);
  await kim.goto("/incidents");
  await expect(kim).toHaveURL(/\/login/);
  // …and the provider cannot sign the account back in.
  const again = await freshPage(browser);
  await ssoSignIn(again, "kim-sub");
  await expect(again.getByTestId("login-error")).toContainText("허용되지 않은 계정입니다. 계정이 비활성화되었습니다.");

  // The last admin cannot demote themself.
  await admin.getByTestId("user-admin@example.com").getByRole("combobox").selectOption("viewer");
  await expect(admin.getByTestId("users-notice")).toHaveText("마지막 활성 어드민입니다. 먼저 다른 사람을 어드민으로 지정하세요.");
  await adminContext.close();
});

test("claims only in userinfo (the specification's default): signs in, sign-out ends the provider session too, and an email change keeps the account", async ({
  browser,
  idp,
}) => {
  await idp.start({ claimsOnlyInUserinfo: true });
  idp.accounts.set("lee-sub", { email: "lee@corp.example", email_verified: true, name: "Lee Viewer", groups: [] });
  const page = await freshPage(browser);
  await ssoSignIn(page, "lee-sub");
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByTestId("current-user")).toHaveAttribute("data-role", "viewer");
  await expect(page.getByTestId("current-user")).toContainText("Lee Viewer");

  // RP-initiated logout: the provider asks, then returns to our login page.
  await page.getByRole("button", { name: "로그아웃" }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // At the provider the email (and display name) changed; the provider session is gone, so it asks to sign in again.
  idp.accounts.set("lee-sub", { email: "lee.new@corp.example", email_verified: true, name: "Lee at the provider", groups: [] });
  await ssoSignIn(page, "lee-sub");
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByTestId("current-user")).toContainText("Lee Viewer"); // the stored name, not the provider's

  const adminContext = await contextAs(browser, "admin");
  const users = (await (await adminContext.request.get("/api/v1/users?all")).json()) as {
    items: { email: string; identities: { subject: string }[] }[];
  };
  const lees = users.items.filter((u) => u.identities.some((i) => i.subject === "lee-sub") || u.email.startsWith("lee"));
  expect(lees.map((u) => u.email)).toEqual(["lee.new@corp.example"]);
  await adminContext.close();
});

test("a password user links their SSO identity explicitly in Settings, then signs in with it", async ({ browser, idp }) => {
  // With group mapping on, the provider's groups decide the role at every SSO sign-in, the link included.
  // (The previous journey left the provider in userinfo-only mode; this one starts from the ID-token default.)
  await idp.start({ claimsOnlyInUserinfo: false });
  idp.accounts.set("resp-link", {
    email: "responder@example.com",
    email_verified: true,
    name: "Responder at the provider",
    groups: ["oncall"],
  });
  const context = await contextAs(browser, "responder");
  const page = await context.newPage();
  await page.goto("/settings");
  await page.getByRole("button", { name: "Test SSO 연결" }).click();
  await page.locator('input[name="login"]').fill("resp-link");
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await consentIfAsked(page);
  await expect(page).toHaveURL(/\/settings\?linked=1$/);
  await expect(page.getByTestId("security-section")).toContainText("Test SSO 계정이 연결되었습니다.");
  await expect(page.getByTestId("current-user")).toHaveAttribute("data-role", "responder");
  await context.close();

  const fresh = await freshPage(browser);
  await ssoSignIn(fresh, "resp-link");
  await expect(fresh).toHaveURL(/\/incidents$/);
  await expect(fresh.getByTestId("current-user")).toHaveAttribute("data-role", "responder");
});

test("an identity with an existing password user's email never becomes that user, verified or not", async ({ browser, idp }) => {
  idp.accounts.set("evil-unverified", { email: "admin@example.com", email_verified: false, name: "Not the admin", groups: ["ic-admins"] });
  idp.accounts.set("evil-verified", { email: "admin@example.com", email_verified: true, name: "Not the admin", groups: ["ic-admins"] });
  const page = await freshPage(browser, "ko-KR", 390);
  await ssoSignIn(page, "evil-unverified");
  await expect(page).toHaveURL(/\/login\?error=sso_unverified/);
  await expect(page.getByTestId("login-error")).toContainText(KO.unverified);
  await shot(page, "login-sso-unverified-ko-390");
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);

  const second = await freshPage(browser, "ko-KR", 390);
  await ssoSignIn(second, "evil-verified");
  await expect(second.getByTestId("login-error")).toContainText(KO.emailTaken);
  expect((await second.request.get("/api/v1/me")).status()).toBe(401);
  expect((await second.request.post("/api/v1/tokens", { data: { name: "pwned", role: "admin" } })).status()).toBe(401);
});

test("the login page explains a cancelled sign-in, a misconfigured client and an unreachable provider", async ({ browser, idp }) => {
  idp.accounts.set("park-sub", { email: "park@corp.example", email_verified: true, name: "Park" });
  const en = await freshPage(browser, "en-US");
  await en.goto("/login");
  await en.getByRole("button", { name: /Test SSO/ }).click();
  await en.getByRole("link", { name: "[ Cancel ]" }).click();
  await expect(en).toHaveURL(/\/login\?error=sso_cancelled/);
  await expect(en.getByTestId("login-error")).toHaveText(
    'Sign-in with Test SSO was cancelled. Choose "Sign in with Test SSO" again to continue.',
  );
  await shot(en, "login-sso-cancelled-en");

  await idp.start({ claimsOnlyInUserinfo: true, clientSecret: "not-the-secret-the-app-has" });
  const ko = await freshPage(browser);
  await ssoSignIn(ko, "park-sub");
  await expect(ko).toHaveURL(/\/login\?error=sso_misconfigured/);
  await expect(ko.getByTestId("login-error")).toContainText(KO.misconfigured);

  await idp.stop();
  const down = await freshPage(browser);
  await down.goto("/login");
  await down.getByRole("button", { name: /Test SSO/ }).click();
  await expect(down).toHaveURL(/\/login\?error=sso_unreachable/);
  await expect(down.getByTestId("login-error")).toContainText(KO.unreachable);
  await shot(down, "login-sso-unreachable-ko");
  await idp.start({ claimsOnlyInUserinfo: false });
});

test("password guessing is throttled: 429 with Retry-After and a message in the user's language", async ({ browser }) => {
  const page = await freshPage(browser, "ko-KR", 390);
  const email = "guess-target@example.com";
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const attempt = () =>
    page.request.post("/api/auth/callback/credentials", { form: { email, password: "wrong", csrfToken, json: "true" } });
  for (let i = 0; i < 6; i++) expect((await attempt()).status()).toBe(401);
  // Each failure past the free ones doubles the wait (2 s, 4 s, …): waited out on the test clock four times, the
  // block lasts 32 s — long enough for the sign-in page below to load on a busy machine.
  for (let i = 0; i < 4; i++) {
    const wait = Number((await attempt()).headers()["retry-after"]);
    expect(wait).toBeGreaterThan(0);
    expect((await page.request.post("/api/test/clock", { data: { advanceMs: wait * 1000 } })).ok()).toBeTruthy();
    expect((await attempt()).status()).toBe(401);
  }
  const blocked = await attempt();
  expect(blocked.status()).toBe(429);
  const retryAfter = Number(blocked.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(((await blocked.json()) as { error: { message: string } }).error.message).toBe(
    `로그인 실패가 너무 많습니다. ${retryAfter}초 후에 다시 시도하세요.`,
  );

  await page.goto("/login");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill("wrong");
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  await expect(page.getByTestId("login-error")).toContainText("로그인 실패가 너무 많습니다.");
  await shot(page, "login-throttled-ko-390");
});
