import type { Browser, BrowserContext, BrowserContextOptions, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/domain/demo-users";
import type { Role } from "../../lib/domain/roles";
import { E2E_PORTS } from "./env";

export const stateFile = (role: Role) => `e2e/.auth/${E2E_PORTS[0]}-${role}.json`;
export const emailOf = (role: Role) => `${role}@example.com`;

export async function signInThroughForm(page: Page, role: Role, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/이메일|Email/).fill(emailOf(role));
  await page.getByLabel(/비밀번호|Password/).fill(password);
  await page.getByRole("button", { name: /^(로그인|Sign in)$/ }).click();
}

const DEFAULT_BASE_URL = `http://localhost:${E2E_PORTS[0]}`;

/** A new browser context already signed in as `role` (state saved by auth.setup.ts), in Korean. */
export async function contextAs(browser: Browser, role: Role, baseURL = DEFAULT_BASE_URL): Promise<BrowserContext> {
  return browser.newContext({ storageState: stateFile(role), baseURL, locale: "ko-KR", timezoneId: "Asia/Seoul" });
}

/** A page in a new context signed in as `role` (see contextAs); close the context when done. */
export async function pageAs(browser: Browser, role: Role): Promise<{ context: BrowserContext; page: Page }> {
  const context = await contextAs(browser, role);
  return { context, page: await context.newPage() };
}

/** The same for a reader whose browser asks for English (still on Seoul's clock); `options` adds e.g. a viewport. */
export async function inEnglish(
  browser: Browser,
  role: Role,
  baseURL = DEFAULT_BASE_URL,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ storageState: stateFile(role), baseURL, locale: "en-US", timezoneId: "Asia/Seoul", ...options });
}
