// The Prisma client for either database, chosen by DATABASE_URL. Kept free of "server-only" so tests
// and scripts (seed, bench) can create clients for the SQLite and PostgreSQL test databases.
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

/** Both generated clients share the model API; the SQLite type is the common surface. */
export type DB = PrismaClient;

export function createPrismaClient(url = process.env.DATABASE_URL ?? "file:./dev.db"): DB {
  if (/^postgres(ql)?:\/\//.test(url)) {
    return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as DB;
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

const globalForPrisma = globalThis as unknown as { prisma?: DB };
export const prisma: DB = globalForPrisma.prisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
