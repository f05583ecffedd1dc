import "server-only";
import { prisma } from "./db";
import { env, isPostgresUrl } from "./env";
import { bootstrapAdmin } from "./seed-data";
import { startDiagnostics } from "./diagnostics/start";
import { startAlertEngine } from "./alerts/start";
import { startEscalationWorkers } from "./escalations/start";
import { startIncidentEventDispatcher } from "./incident-outbox/start";
import { startPostmortemTasks } from "./postmortems/start";
import { startOnCallTasks } from "./oncall/start";
import { startInsightsTasks } from "./insights/start";

export async function startServerTasks() {
  const { DATABASE_URL, ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = env();
  if (!isPostgresUrl(DATABASE_URL)) {
    // WAL: readers never wait for the background loops' writes, and a commit costs far less than in
    // rollback-journal mode. The setting is stored in the database file, so this is a no-op after the first start.
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch((error: unknown) => console.error("[startup] WAL", error));
    // With WAL, synchronous=NORMAL syncs at checkpoints instead of at every commit: a crash of the app never
    // loses a commit and the file is never corrupted; only a power cut may roll back the last commits. That is the
    // setting SQLite recommends for WAL, and a declare no longer waits for a disk flush. (Per connection: the
    // process has one, prisma-client.ts; its busy timeout is set there.)
    await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch((error: unknown) => console.error("[startup] synchronous", error));
  }
  if (email && password) {
    if (password.length < 8) throw new Error("ADMIN_PASSWORD must be at least 8 characters.");
    await bootstrapAdmin(prisma, email, password);
    console.log(`[startup] admin account ${email} is ready`);
  }
  // Each feature's background loop; one failing must not keep the others (or the server) down.
  for (const [name, start] of [
    ["diagnostics", startDiagnostics],
    ["alerts", startAlertEngine],
    ["escalations", startEscalationWorkers],
    ["incident events", startIncidentEventDispatcher],
    ["postmortems", startPostmortemTasks],
    ["on-call handoffs", startOnCallTasks],
    ["insights weekly report", startInsightsTasks],
  ] as const) {
    await start().catch((error: unknown) => console.error(`[startup] ${name} failed to start`, error));
  }
}
