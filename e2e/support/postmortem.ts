import { expect, type Page } from "@playwright/test";

/**
 * Waits until the editor is interactive (typing before hydration would race React) and alone on the
 * page: while a streamed page is revealed, React's not-yet-swapped server copy of the segment can sit in
 * a hidden container for a moment, and a test id would match both.
 */
export async function editorReady(page: Page) {
  const editor = page.getByTestId("postmortem-editor");
  await expect(async () => {
    await expect(editor).toHaveCount(1, { timeout: 0 });
    await expect(editor).toHaveAttribute("data-ready", "true", { timeout: 0 }); // the server copy never is
  }).toPass({ timeout: 15_000 });
}
