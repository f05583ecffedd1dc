// A fingerprint of everything the API can write, read straight from the test database, so a test can
// prove that a refused request changed nothing.
import Database from "better-sqlite3";
import pg from "pg";
import { e2eDatabaseUrl, e2eMode } from "./env";

const QUERIES = {
  incidents: `SELECT COUNT(*) AS n, COALESCE(SUM("version"), 0) AS v FROM "Incident"`,
  timeline: `SELECT COUNT(*) AS n, 0 AS v FROM "TimelineEvent"`,
  audit: `SELECT COUNT(*) AS n, 0 AS v FROM "AuditLog"`,
  tokens: `SELECT COUNT(*) AS n, COUNT("revokedAt") AS v FROM "ApiToken"`,
  users: `SELECT COUNT(*) AS n, COUNT("locale") AS v FROM "User"`,
};

export async function dbSnapshot(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  if (e2eMode() === "sqlite") {
    const db = new Database(e2eDatabaseUrl().slice("file:".length), { readonly: true });
    try {
      for (const [name, sql] of Object.entries(QUERIES)) {
        const row = db.prepare(sql).get() as { n: number; v: number };
        result[name] = `${row.n}/${row.v}`;
      }
    } finally {
      db.close();
    }
    return result;
  }
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    for (const [name, sql] of Object.entries(QUERIES)) {
      const { rows } = await client.query(sql);
      result[name] = `${rows[0].n}/${rows[0].v}`;
    }
  } finally {
    await client.end();
  }
  return result;
}
