// Prepares the database the "db" test project runs against: DATABASE_URL (SQLite file or local
// PostgreSQL). Reset, real migrations (prisma migrate deploy), demo users. An unreachable database
// fails the run: it is never skipped.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";

export default function setup() {
  process.env.DATABASE_URL ??= "file:./.data/vitest.db";
  process.env.ALLOW_TEST_CLOCK = "1";
  const url = process.env.DATABASE_URL;
  mkdirSync(".data", { recursive: true });
  const run = (cmd: string, args: string[], extra: Record<string, string> = {}) =>
    execFileSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...extra } });
  run("node", ["scripts/reset-db.mjs", url]);
  run("npx", ["prisma", "migrate", "deploy"]);
  run("npx", ["prisma", "db", "seed"], { DEMO_USERS: "1" });
}
