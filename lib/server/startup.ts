import "server-only";
import { prisma } from "./db";
import { bootstrapAdmin } from "./seed-data";

export async function startServerTasks() {
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (email && password) {
    if (password.length < 8) throw new Error("ADMIN_PASSWORD must be at least 8 characters.");
    await bootstrapAdmin(prisma, email, password);
    console.log(`[startup] admin account ${email} is ready`);
  }
}
