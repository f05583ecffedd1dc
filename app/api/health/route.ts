import { prisma } from "@/lib/server/db";
import { now } from "@/lib/server/clock";
import { env, isPostgresUrl } from "@/lib/server/env";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and uptime checks (no sign-in needed). */
export async function GET() {
  const started = Date.now();
  const database = isPostgresUrl(env().DATABASE_URL) ? "postgresql" : "sqlite";
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return Response.json({
      status: "ok",
      database: { kind: database, reachable: true, latencyMs: Date.now() - started },
      time: now().toISOString(),
    });
  } catch (error) {
    return Response.json(
      {
        status: "error",
        database: { kind: database, reachable: false, error: error instanceof Error ? error.message : String(error) },
        time: now().toISOString(),
      },
      { status: 503 },
    );
  }
}
