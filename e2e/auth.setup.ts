import { expect, test as setup } from "@playwright/test";
import { ROLES } from "../lib/domain/roles";
import { signInThroughForm, stateFile } from "./support/auth";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signInThroughForm(page, role);
    await expect(page).toHaveURL(/\/incidents$/);
    await expect(page.getByTestId("current-user")).toHaveAttribute("data-role", role);
    await page.context().storageState({ path: stateFile(role) });
  });
}
