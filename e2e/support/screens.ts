// Screenshots for a person to look at: a full page on a phone (390×844) and on a desktop, written as
// test-results/screens/<name>-390.png and <name>-desktop.png.
import type { Page } from "@playwright/test";

export const PHONE = { width: 390, height: 844 };

export async function shootBoth(page: Page, name: string, desktop: { width: number; height: number }) {
  for (const [size, viewport] of [
    ["390", PHONE],
    ["desktop", desktop],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `test-results/screens/${name}-${size}.png`, fullPage: true });
  }
}
