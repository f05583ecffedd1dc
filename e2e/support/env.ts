// Where the browser tests' database lives. Local-only guard: never point the suite at a real database.
// E2E_PORT moves the servers (and the SQLite file) so parallel runs on one machine do not collide.
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_PORTS = [BASE_PORT, BASE_PORT + 1];
/** the status page journey's SMTP capture (e2e/status-page.spec.ts); nothing listens there otherwise */
export const E2E_STATUS_SMTP_PORT = BASE_PORT + 40;
/** the app's own email (escalation pages, SMTP_URL): captured by e2e/escalations.spec.ts; nothing listens otherwise */
export const E2E_MAIL_SMTP_PORT = BASE_PORT + 41;

export function e2eMode(): "sqlite" | "postgres" {
  return process.env.E2E_DB === "postgres" ? "postgres" : "sqlite";
}

export function e2eDatabaseUrl(): string {
  if (e2eMode() === "sqlite") return `file:./.data/e2e-${BASE_PORT}.db`;
  const base = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const url = new URL(base);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error(`Refusing to run browser tests against a non-local database (${url.hostname}).`);
  }
  url.pathname = `/ic_e2e_${BASE_PORT}`;
  return url.toString();
}
