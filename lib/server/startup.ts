import "server-only";
import { prisma } from "./db";
import { bootstrapAdmin } from "./seed-data";
import { startDiagnostics } from "./diagnostics/start";
import { startAlertEngine } from "./alerts/start";
import { startEscalationWorkers } from "./escalations/start";
import { startPostmortemTasks } from "./postmortems/start";

export async function startServerTasks() {
  if (!/^postgres/.test(process.env.DATABASE_URL ?? "")) {
    // WAL: readers never wait for the background loops' writes, and a commit costs far less than in
    // rollback-journal mode. The setting is stored in the database file, so this is a no-op after the first start.
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch((error: unknown) => console.error("[startup] WAL", error));
  }
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
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
    ["postmortems", startPostmortemTasks],
  ] as const) {
    await start().catch((error: unknown) => console.error(`[startup] ${name} failed to start`, error));
  }
}
