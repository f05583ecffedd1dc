// Starts a production build of the app on a fresh database for a benchmark, and stops it after.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createPrismaClient } from "../../lib/server/prisma-client";
import type { PrismaClient } from "../../lib/generated/prisma/client";

export interface BenchServer {
  baseUrl: string;
  /** the server process (next start), for its CPU time */
  pid?: number;
  token: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export function ensureBuild() {
  // NEXT_DIST_DIR: a build of its own (parallel worktrees on one machine), as next.config.ts reads it
  if (!existsSync(`${process.env.NEXT_DIST_DIR ?? ".next"}/BUILD_ID`)) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
}

type Env = NodeJS.ProcessEnv;

/** A fresh database: emptied, migrated and seeded with the demo users. */
export function prepareDatabase(databaseUrl: string, env: Env = { ...process.env, DATABASE_URL: databaseUrl }) {
  execFileSync("node", ["scripts/reset-db.mjs", databaseUrl], { stdio: "inherit", env });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env });
  execFileSync("npx", ["prisma", "db", "seed"], { stdio: "ignore", env: { ...env, DEMO_USERS: "1" } });
}

/** An admin API token written straight into the database (the bench has no browser session). */
export async function createAdminToken(db: PrismaClient, extra: { lastUsedAt?: Date } = {}): Promise<string> {
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
  const token = `ic_${randomBytes(24).toString("base64url")}`;
  await db.apiToken.create({
    data: {
      name: "bench",
      role: "admin",
      prefix: token.slice(0, 8),
      tokenHash: createHash("sha256").update(token).digest("hex"),
      createdById: admin.id,
      ...extra,
    },
  });
  return token;
}

/**
 * What a production process of the app needs besides its database: pages carry signed acknowledgement links keyed
 * from the session secret, which production refuses to run without (bench processes that fire escalation steps).
 */
export const PRODUCTION_ENV = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "bench-secret-0123456789abcdef",
  NEXTAUTH_URL: "http://localhost:3000",
} as const;

/** Spawns a server process and waits (at most `tries` × 250 ms) until its /api/health answers. */
export async function launch(
  command: string,
  args: string[],
  env: Env,
  port: number,
  tries: number,
): Promise<Pick<BenchServer, "baseUrl" | "pid" | "stop">> {
  // BENCH_SERVER_LOG=1 shows the server's own output (to see why a run failed)
  const child: ChildProcess = spawn(command, args, { env, stdio: process.env.BENCH_SERVER_LOG ? "inherit" : "ignore" });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < tries; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

export async function startServer(databaseUrl: string, port: number, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const, ...extraEnv };
  prepareDatabase(databaseUrl, env);
  const db = createPrismaClient(databaseUrl);
  const token = await createAdminToken(db);
  await db.$disconnect();
  const server = await launch(
    "node",
    ["node_modules/next/dist/bin/next", "start", "-p", String(port)],
    { ...env, NEXTAUTH_SECRET: PRODUCTION_ENV.NEXTAUTH_SECRET, NEXTAUTH_URL: `http://localhost:${port}` },
    port,
    120,
  );
  return { ...server, token, databaseUrl };
}

export function pgUrl(database: string): string {
  const url = new URL(process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
  url.pathname = `/${database}`;
  return url.toString();
}

export type BenchDatabase = readonly [label: "SQLite" | "PostgreSQL", databaseUrl: string];

/** The two databases a bench runs on, named after it: .data/bench-<name>.db and PostgreSQL ic_bench_<name>. */
export function benchDatabases(name: string): readonly BenchDatabase[] {
  return [
    ["SQLite", `file:./.data/bench-${name}.db`],
    ["PostgreSQL", pgUrl(`ic_bench_${name.replaceAll("-", "_")}`)],
  ];
}
