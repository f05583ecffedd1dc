// Browser journeys in Debian's Chromium. E2E_DB=sqlite (default) serves one instance on the embedded
// SQLite default; E2E_DB=postgres serves TWO instances on one PostgreSQL to prove cross-instance live updates.
import { defineConfig } from "@playwright/test";
import { e2eDatabaseUrl, E2E_MAIL_SMTP_PORT, E2E_PORTS, E2E_STATUS_SMTP_PORT, e2eMode } from "./e2e/support/env";
import { E2E_RECOVERY_MYSQL_URL } from "./e2e/support/recovery";
import { oidcServerEnv } from "./e2e/support/oidc";

const mode = e2eMode();
const databaseUrl = e2eDatabaseUrl();
const ports = mode === "postgres" ? E2E_PORTS : [E2E_PORTS[0]];

const serverEnv = (port: number) => ({
  DATABASE_URL: databaseUrl,
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXTAUTH_SECRET: "e2e-secret-0123456789abcdef0123456789",
  NEXT_TELEMETRY_DISABLED: "1",
  ALLOW_TEST_CLOCK: "1",
  RECOVERY_MYSQL_URL: E2E_RECOVERY_MYSQL_URL,
  // status page subscriber email goes to the capture server of e2e/status-page.spec.ts
  STATUS_SMTP_URL: `smtp://127.0.0.1:${E2E_STATUS_SMTP_PORT}`,
  STATUS_SMTP_FROM: "Shop status <status@example.com>",
  // the app's email (an escalation step emails the on-call person the acknowledge link): e2e/escalations.spec.ts
  SMTP_URL: `smtp://127.0.0.1:${E2E_MAIL_SMTP_PORT}`,
  SMTP_FROM: "Incident Command <ic@example.com>",
  NODE_ENV: "production",
  FIRST_PORT: String(ports[0]),
  // Company SSO against the test provider that e2e/sso.spec.ts runs (e2e/support/oidc.ts).
  ...oidcServerEnv,
  ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
});

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: `test-results/e2e-${mode}${process.env.E2E_PORT ? `-${process.env.E2E_PORT}` : ""}.json` }]],
  outputDir: `test-results/e2e-${mode}${process.env.E2E_PORT ? `-${process.env.E2E_PORT}` : ""}`,
  use: {
    baseURL: `http://localhost:${ports[0]}`,
    browserName: "chromium",
    headless: true,
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "journeys", testIgnore: /.*\.setup\.ts/, dependencies: ["setup"] },
  ],
  webServer: ports.map((port, index) => ({
    // The first server prepares the database (reset, migrate, seed) and builds if needed; the others only start.
    command: index === 0 ? `bash scripts/e2e-server.sh ${port} prepare` : `bash scripts/e2e-server.sh ${port}`,
    url: `http://localhost:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: serverEnv(port),
  })),
});
