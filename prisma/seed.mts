// `prisma db seed`: the contacts directory roles always; demo users on the embedded SQLite default
// (or when DEMO_USERS=1), never silently on a production PostgreSQL.
import { createPrismaClient } from "../lib/server/prisma-client";
import { seedContacts, seedDemoUsers } from "../lib/server/seed-data";

const url = process.env.DATABASE_URL ?? "file:./dev.db";
const db = createPrismaClient(url);
const demo = process.env.DEMO_USERS ? process.env.DEMO_USERS === "1" : !/^postgres/.test(url);
await seedContacts(db);
if (demo) await seedDemoUsers(db);
console.log(`seeded contacts${demo ? " and demo users" : ""}`);
await db.$disconnect();
