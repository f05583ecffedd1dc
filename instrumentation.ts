// Runs once when a server instance starts (Node.js runtime only): SQLite WAL mode, the first-deploy admin
// bootstrap (ADMIN_EMAIL/ADMIN_PASSWORD, as Grafana does) and each feature's background loop (lib/server/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerTasks } = await import("./lib/server/startup");
  await startServerTasks();
}
