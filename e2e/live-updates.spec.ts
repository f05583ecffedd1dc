import { expect, test } from "@playwright/test";
import { contextAs } from "./support/auth";
import { E2E_PORTS, e2eMode } from "./support/env";

// On PostgreSQL the second user is served by a second app instance: the update must cross instances
// (LISTEN/NOTIFY), not just travel inside one process.
const secondBaseURL = `http://localhost:${e2eMode() === "postgres" ? E2E_PORTS[1] : E2E_PORTS[0]}`;

test("another user's change appears in an open incident room within 2 seconds, without reload", async ({ browser }) => {
  const commander = await contextAs(browser, "commander");
  const responder = await contextAs(browser, "responder", secondBaseURL);
  const a = await commander.newPage();
  const b = await responder.newPage();

  const created = await a.request.post("/api/v1/incidents", { data: { title: `Live update check ${Date.now()}`, severity: "P1" } });
  const incident = await created.json();
  await a.goto(`/incidents/${incident.id}`);
  await b.goto(`/incidents/${incident.id}`);
  await expect(b.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await expect(b.getByTestId("room-status")).toHaveText("조사 중");

  let reloaded = false;
  b.on("framenavigated", (frame) => {
    if (frame === b.mainFrame()) reloaded = true;
  });
  await a.getByTestId("status-identified").click();
  await expect(a.getByTestId("room-status")).toHaveText("원인 파악");
  await expect(b.getByTestId("room-status")).toHaveText("원인 파악", { timeout: 2_000 });

  await a.getByLabel("메모 추가").fill("Redis 메모리 90% 확인");
  await a.getByRole("button", { name: "기록" }).click();
  await expect(b.getByTestId("timeline")).toContainText("Redis 메모리 90% 확인", { timeout: 2_000 });
  expect(reloaded).toBe(false);
  await b.screenshot({ path: `test-results/screens/live-second-user-${e2eMode()}.png`, fullPage: true });
  await commander.close();
  await responder.close();
});

test("a stale edit gets 409 with the current state, and nothing is overwritten", async ({ browser }) => {
  const commander = await contextAs(browser, "commander");
  const page = await commander.newPage();
  const incident = await (await page.request.post("/api/v1/incidents", { data: { title: "Stale edit check", severity: "P2" } })).json();
  const first = await page.request.patch(`/api/v1/incidents/${incident.id}`, { data: { status: "identified", version: incident.version } });
  expect(first.status()).toBe(200);
  const stale = await page.request.patch(`/api/v1/incidents/${incident.id}`, {
    data: { severity: "P1", reason: "worse", version: incident.version },
  });
  expect(stale.status()).toBe(409);
  const body = await stale.json();
  expect(body.error.code).toBe("conflict");
  expect(body.error.current).toMatchObject({ status: "identified", severity: "P2", version: incident.version + 1 });
  const now = await (await page.request.get(`/api/v1/incidents/${incident.id}`)).json();
  expect(now).toMatchObject({ severity: "P2", status: "identified" });
  await commander.close();
});
