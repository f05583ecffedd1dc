// Drops and recreates a test database: a SQLite file, or a PostgreSQL database on a local server.
// Refuses anything that is not on this machine.
import { rmSync } from "node:fs";
import pg from "pg";

const url = process.argv[2];
if (!url) throw new Error("usage: reset-db.mjs <DATABASE_URL>");

if (url.startsWith("file:")) {
  const path = url.slice("file:".length);
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
} else {
  const target = new URL(url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname))
    throw new Error(`refusing to reset non-local database ${target.hostname}`);
  const name = target.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name) || ["postgres", "template0", "template1"].includes(name))
    throw new Error(`refusing to reset database "${name}"`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
  await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}
