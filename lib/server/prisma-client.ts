// The Prisma client for either database, chosen by DATABASE_URL. Kept free of "server-only" so tests
// and scripts (seed, bench) can create clients for the SQLite and PostgreSQL test databases.
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env, isPostgresUrl } from "./env";

/** Both generated clients share the model API; the SQLite type is the common surface. */
export type DB = PrismaClient;

export function createPrismaClient(url = env().DATABASE_URL): DB {
  if (isPostgresUrl(url)) {
    return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as DB;
  }
  // busy timeout 5 s (better-sqlite3's default, said here): a writer waits for another's lock instead of failing
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5_000 }) });
}

const globalForPrisma = globalThis as unknown as { prisma?: DB };
export const prisma: DB = globalForPrisma.prisma ?? createPrismaClient();
// One client per process, also in production: Next.js bundles this module into several server chunks,
// and each extra better-sqlite3 connection to the same file waits on the others' locks (P1008 timeouts).
globalForPrisma.prisma = prisma;
