// Where the browser tests' database lives. Local-only guard: never point the suite at a real database.
export const E2E_PORTS = [3100, 3101];

export function e2eMode(): "sqlite" | "postgres" {
  return process.env.E2E_DB === "postgres" ? "postgres" : "sqlite";
}

export function e2eDatabaseUrl(): string {
  if (e2eMode() === "sqlite") return "file:./e2e.db";
  const base = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const url = new URL(base);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error(`Refusing to run browser tests against a non-local database (${url.hostname}).`);
  }
  url.pathname = "/ic_e2e";
  return url.toString();
}
