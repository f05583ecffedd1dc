// Starts a production build of the app on a fresh database for a benchmark, and stops it after.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createPrismaClient } from "../../lib/server/prisma-client";

export interface BenchServer {
  baseUrl: string;
  token: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export function ensureBuild() {
  if (!existsSync(".next/BUILD_ID")) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
}

export async function startServer(databaseUrl: string, port: number, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const, ...extraEnv };
  execFileSync("node", ["scripts/reset-db.mjs", databaseUrl], { stdio: "inherit", env });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env });
  execFileSync("npx", ["prisma", "db", "seed"], { stdio: "ignore", env: { ...env, DEMO_USERS: "1" } });

  // An admin API token written straight into the database (the bench has no browser session).
  const db = createPrismaClient(databaseUrl);
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
  const token = `ic_${randomBytes(24).toString("base64url")}`;
  await db.apiToken.create({ data: { name: "bench", role: "admin", prefix: token.slice(0, 8), tokenHash: createHash("sha256").update(token).digest("hex"), createdById: admin.id } });
  await db.$disconnect();

  const child: ChildProcess = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: { ...env, NEXTAUTH_SECRET: "bench-secret-0123456789abcdef", NEXTAUTH_URL: `http://localhost:${port}` },
    stdio: "ignore",
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    token,
    databaseUrl,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

export function pgUrl(database: string): string {
  const url = new URL(process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
  url.pathname = `/${database}`;
  return url.toString();
}
