import net from "node:net";
import Redis from "ioredis";
import { expect, test, type Page } from "@playwright/test";
import { contextAs, pageAs } from "./support/auth";

// The Redis lock scenario's probes, in runbook order (lib/domain/runbook-data/redis.ts).
const REDIS_PROBES = ["redis.ping", "redis.memory", "redis.locks", "redis.clients"];
/** A verdict from a system that answered (a slow PING on a busy machine may be a warning; never "error"). */
const ANSWERED = /^(ok|warning|critical)$/;

async function declare(page: Page, data: Record<string, unknown>): Promise<number> {
  const res = await page.request.post("/api/v1/incidents", { data });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

/** A TCP server on 127.0.0.1:port that accepts connections and never answers (a hung service). */
async function hungService(port: number): Promise<() => Promise<void>> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("error", () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => reject(new Error(`port ${port} is taken, cannot play a hung service there: ${e.message}`)));
    server.listen(port, "127.0.0.1", resolve);
  });
  return async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

test("Run all streams a verdict per probe into the room and onto the timeline; a ticked step shows there too", async ({ browser }) => {
  // Redisson-style locks in the real local Redis: one holder with a lease, one stale lock without TTL.
  const redis = new Redis(process.env.REDIS_URL || "redis://127.0.0.1:6379", { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const prefix = `MY_LOCK:e2e:${Date.now()}`;
  await redis
    .multi()
    .hset(`${prefix}:order`, "6f1c2a4e-1b7d-4c55-9d0e-3a2f8e9b1c01:57", "1")
    .pexpire(`${prefix}:order`, 60_000)
    .hset(`${prefix}:stale`, "dead-client:12", "1")
    .exec();
  try {
    await runAllJourney(browser, prefix, redis);
  } finally {
    await redis.del(`${prefix}:order`, `${prefix}:stale`);
    redis.disconnect();
  }
});

async function runAllJourney(browser: import("@playwright/test").Browser, prefix: string, redis: Redis) {
  const { context, page } = await pageAs(browser, "responder");
  const id = await declare(page, { title: `포인트 충전 지연 ${Date.now()}`, severity: "P1", scenario: "redis-lock-timeout" });
  await page.goto(`/incidents/${id}`);
  const panel = page.getByTestId("diagnostics-panel");
  await expect(panel).toContainText("Redis 분산 락 타임아웃 증가");
  for (const probe of REDIS_PROBES) await expect(panel.getByTestId(`probe-${probe}`)).toHaveAttribute("data-verdict", "none");

  await panel.getByTestId("run-all").click();
  for (const probe of REDIS_PROBES) {
    // The local Redis is real: each probe answers with a verdict, never "error".
    await expect(panel.getByTestId(`probe-${probe}`)).toHaveAttribute("data-verdict", ANSWERED, { timeout: 15_000 });
    await expect(panel.getByTestId(`summary-${probe}`)).not.toBeEmpty();
  }
  await expect(panel.getByTestId("summary-redis.ping")).toContainText("PONG");
  await expect(panel.getByTestId("summary-redis.locks")).toContainText("without TTL");
  await expect(panel.getByTestId("probe-redis.locks")).toHaveAttribute("data-verdict", "warning");
  const diagnosticEntries = page.getByTestId("timeline").locator('[data-kind="diagnostic"]');
  await expect(diagnosticEntries).toHaveCount(REDIS_PROBES.length);
  await expect(diagnosticEntries.filter({ hasText: "redis.ping" })).toContainText("PONG");

  // The stale lock is released; run again with the keyboard: each probe shows the previous result beside
  // the latest, and the lock probe went from warning to ok.
  await redis.del(`${prefix}:stale`);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("r");
  await expect(diagnosticEntries).toHaveCount(2 * REDIS_PROBES.length, { timeout: 15_000 });
  for (const probe of REDIS_PROBES) await expect(panel.getByTestId(`compare-${probe}`)).toBeVisible();
  await expect(panel.getByTestId("probe-redis.locks")).toHaveAttribute("data-verdict", "ok");
  await expect(panel.getByTestId("compare-redis.locks").locator("[data-verdict]").first()).toHaveAttribute("data-verdict", "warning");
  // One probe on its own.
  await panel.getByTestId("run-redis.ping").click();
  await expect(diagnosticEntries).toHaveCount(2 * REDIS_PROBES.length + 1, { timeout: 10_000 });

  // Tick the first immediate-response step in the room's checklist: it lands on the timeline with who.
  await panel.getByTestId("runbook-checklist").locator("summary").click();
  await panel.getByTestId("tick-redis-lock-timeout.respond.1").check();
  await expect(panel.getByTestId("ticked-by-redis-lock-timeout.respond.1")).toContainText("Responder");
  const runbookEntry = page.getByTestId("timeline").locator('[data-kind="runbook"]');
  await expect(runbookEntry).toHaveCount(1);
  // The timeline speaks the reader's language (Korean here), whatever language the step was ticked in.
  await expect(runbookEntry).toContainText("Redis 재시작");
  await expect(runbookEntry).toContainText("Responder");
  await expect(panel.getByTestId("checklist-progress")).toContainText("1/");
  await panel.screenshot({ path: "test-results/screens/diagnostics-panel.png" });
  await page.screenshot({ path: "test-results/screens/diagnostics-room.png", fullPage: true });

  // The runbook page for this incident shows the tick and the manual's dangerous KEYS corrected to SCAN.
  await page.goto(`/runbooks/redis-lock-timeout?incident=${id}`);
  await expect(page.getByTestId("runbook-incident")).toContainText(`#${id}`);
  await expect(page.getByTestId("ticked-by-redis-lock-timeout.respond.1")).toBeVisible();
  const keys = page.getByTestId("command-redis-lock-timeout.diagnose.3");
  await expect(keys).toHaveAttribute("data-issue", "dangerous");
  await expect(keys).toContainText("redis-cli --scan --pattern 'MY_LOCK:*' | wc -l");
  await expect(page.getByTestId("manual-redis-lock-timeout.diagnose.3")).toHaveCSS("text-decoration-line", "line-through");
  await expect(page.getByTestId("command-redis-lock-timeout.respond.1")).toContainText("kubectl rollout restart deployment/redis");
  // Ticking on the runbook page is recorded on the incident as well.
  await page.getByTestId("tick-redis-lock-timeout.respond.2").check();
  await expect(page.getByTestId("ticked-by-redis-lock-timeout.respond.2")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/diagnostics-runbook.png", fullPage: true });
  await page.getByTestId("runbook-diagnostics").screenshot({ path: "test-results/screens/diagnostics-runbook-diagnose.png" });
  await page.getByTestId("runbook-respond").screenshot({ path: "test-results/screens/diagnostics-runbook-respond.png" });
  const timeline = (await (await page.request.get(`/api/v1/incidents/${id}/timeline`)).json()) as { items: { kind: string }[] };
  expect(timeline.items.filter((e) => e.kind === "runbook")).toHaveLength(2);
  await context.close();
}

test("without a scenario, picked probes stream in one by one; unreachable targets show an error with the reason", async ({ browser }) => {
  // The actuator's default address plays a Spring Boot app that accepts and never answers.
  const stopHung = await hungService(8080);
  try {
    await pickedProbesJourney(browser);
  } finally {
    await stopHung();
  }
});

async function pickedProbesJourney(browser: import("@playwright/test").Browser) {
  const { context, page } = await pageAs(browser, "commander");
  const id = await declare(page, { title: `원인 미상 지연 ${Date.now()}`, severity: "P2" });
  await page.goto(`/incidents/${id}`);
  const panel = page.getByTestId("diagnostics-panel");
  await expect(panel.getByTestId("probe-picker")).toBeVisible();
  for (const probe of ["redis.ping", "mysql.processlist", "actuator.health", "kafka.consumerLag"])
    await panel.getByTestId(`pick-${probe}`).check();
  await panel.getByTestId("run-all").click();
  // Redis, MariaDB and the refused Kafka answer while the hung actuator is still waiting: streamed, not batched.
  await expect(panel.getByTestId("probe-redis.ping")).toHaveAttribute("data-verdict", ANSWERED, { timeout: 10_000 });
  await expect(panel.getByTestId("probe-mysql.processlist")).toHaveAttribute("data-verdict", ANSWERED);
  await expect(panel.getByTestId("probe-kafka.consumerLag")).toHaveAttribute("data-verdict", "error");
  await expect(panel.getByTestId("summary-kafka.consumerLag")).toContainText("127.0.0.1:9092");
  await expect(panel.getByTestId("probe-actuator.health")).toHaveAttribute("data-running", "true");
  await expect(panel.getByTestId("diagnostics-progress")).toContainText("3/4");
  await panel.screenshot({ path: "test-results/screens/diagnostics-streaming.png" });
  await expect(panel.getByTestId("probe-actuator.health")).toHaveAttribute("data-verdict", "error", { timeout: 10_000 });
  await expect(panel.getByTestId("summary-actuator.health")).toContainText("Actuator at 127.0.0.1:8080 timed out after");
  await expect(page.getByTestId("timeline").locator('[data-kind="diagnostic"]')).toHaveCount(4);
  await panel.screenshot({ path: "test-results/screens/diagnostics-errors.png" });
  await context.close();
}

test("an incident opened from an alert without a scenario offers the matching runbook and picks its probes in one click", async ({
  browser,
}) => {
  const { context, page } = await pageAs(browser, "responder");
  const id = await declare(page, { title: `HighErrorRate: 5xx 에러 비율 12.4 % (> 5 %) ${Date.now()}`, severity: "P0" });
  await page.goto(`/incidents/${id}`);
  const panel = page.getByTestId("diagnostics-panel");
  const suggestion = panel.getByTestId("suggested-connection-pool-exhaustion");
  await expect(suggestion).toContainText("커넥션 풀 고갈");
  await expect(suggestion.getByRole("link")).toHaveAttribute("href", `/runbooks/connection-pool-exhaustion?incident=${id}`);
  await expect(panel.getByTestId("run-all")).toBeDisabled(); // nothing picked yet
  await suggestion.getByTestId("pick-probes-connection-pool-exhaustion").click();
  await expect(panel.getByTestId("pick-actuator.hikari")).toBeChecked();
  await expect(panel.getByTestId("pick-mysql.processlist")).toBeChecked();
  await expect(panel.getByTestId("pick-redis.ping")).not.toBeChecked();
  await expect(panel.getByTestId("run-all")).toBeEnabled();
  await context.close();
});

test("a viewer sees results but cannot run probes or tick steps; the API refuses with 403", async ({ browser }) => {
  const responder = await contextAs(browser, "responder");
  const id = await declare(await responder.newPage(), { title: `조회 전용 ${Date.now()}`, severity: "P1", scenario: "redis-lock-timeout" });
  const run = await (
    await responder.newPage()
  ).request.post(`/api/v1/incidents/${id}/diagnostics`, { data: { probeIds: ["redis.ping"] }, headers: { accept: "application/json" } });
  expect(run.status()).toBe(201);
  await responder.close();

  const { context, page } = await pageAs(browser, "viewer");
  await page.goto(`/incidents/${id}`);
  const panel = page.getByTestId("diagnostics-panel");
  await expect(panel.getByTestId("probe-redis.ping")).toHaveAttribute("data-verdict", ANSWERED);
  await expect(panel.getByTestId("run-all")).toHaveCount(0);
  await expect(panel.getByTestId("run-redis.ping")).toHaveCount(0);
  await panel.getByTestId("runbook-checklist").locator("summary").click();
  await expect(panel.getByTestId("tick-redis-lock-timeout.respond.1")).toBeDisabled();
  const refused = await page.request.post(`/api/v1/incidents/${id}/diagnostics`, { data: {} });
  expect(refused.status()).toBe(403);
  const tick = await page.request.post(`/api/v1/incidents/${id}/runbook/ticks`, { data: { stepId: "redis-lock-timeout.respond.1" } });
  expect(tick.status()).toBe(403);
  await context.close();
});

test("the runbook list shows the six scenarios; admins see the diagnostic targets with their state", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  await page.goto("/runbooks");
  await expect(page.getByTestId("runbook-list").locator("tbody tr")).toHaveCount(6);
  await expect(page.getByTestId("runbook-row-kafka-consumer-lag")).toContainText("쿠폰 발급 메시지 처리 지연");
  await page.screenshot({ path: "test-results/screens/diagnostics-runbook-list.png", fullPage: true });
  await page.goto("/settings");
  const section = page.getByTestId("diagnostics-settings");
  await expect(section.getByTestId("target-address-redis")).toContainText("127.0.0.1:6379");
  await section.getByTestId("test-redis-default").click();
  await expect(section.getByTestId("test-result-redis")).toContainText("PONG");
  await section.screenshot({ path: "test-results/screens/diagnostics-settings.png" });
  await context.close();
});
