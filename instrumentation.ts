// Runs once when a server instance starts: first-deploy admin bootstrap (ADMIN_EMAIL/ADMIN_PASSWORD, as Grafana does).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerTasks } = await import("./lib/server/startup");
  await startServerTasks();
}
