// One Prisma config for both databases, chosen by DATABASE_URL (SQLite file by default, PostgreSQL in production).
// Prisma 6.19 with the bundled JS schema engine and driver adapters: nothing is downloaded at install or run time.
// The three patches below work around bugs in the 6.19.3 JS engine/adapters (each FIX says which).
import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// The Prisma CLI skips .env when a config file exists.
if (existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./dev.db";
const url = process.env.DATABASE_URL;
const isPg = /^postgres(ql)?:\/\//.test(url);

// FIX 1 (SQLite migrate dev): the shadow database replays migration.sql through executeRaw,
// which better-sqlite3 runs as a single statement.
class BetterSQLite3WithShadowFix extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    const adapter = await super.connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length === 0 && "executeScript" in adapter) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return adapter;
  }
}

// FIX 2 (PostgreSQL migrate): adapter-pg 6.19.3 cannot map the pg_catalog types name/"char"; read them as text.
const OID_REMAP: Record<number, number> = { 18: 25, 19: 25, 22: 25, 24: 25, 28: 25, 30: 25, 194: 25, 2205: 25, 1002: 1009, 1003: 1009 };
const remapOids = (res?: pg.QueryResult) => {
  res?.fields?.forEach((f) => {
    f.dataTypeID = OID_REMAP[f.dataTypeID] ?? f.dataTypeID;
  });
  return res;
};
const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const cb = args[args.length - 1];
  if (typeof cb === "function") args[args.length - 1] = (err: Error, res: pg.QueryResult) => cb(err, remapOids(res));
  const result = clientQuery.apply(this, args);
  return result instanceof Promise ? result.then(remapOids) : result;
} as typeof pg.Client.prototype.query;

// FIX 3 (PostgreSQL migrate dev): the stock shadow database connects to the real one and is dropped too early.
class PrismaPgWithShadowFix extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super({ connectionString, allowExitOnIdle: true });
  }
  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${crypto.randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadowUrl = new URL(this.connectionString);
    shadowUrl.pathname = `/${database}`;
    const shadow = await new PrismaPg({ connectionString: shadowUrl.toString(), allowExitOnIdle: true }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPg ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: {
    path: isPg ? "prisma/postgres/migrations" : "prisma/migrations",
    seed: "tsx prisma/seed.mts",
  },
  async adapter() {
    return isPg ? new PrismaPgWithShadowFix(url) : new BetterSQLite3WithShadowFix({ url });
  },
});
