// Helpers for the diagnostics db tests: a per-test REDIS_URL/MYSQL_URL, counts, a hung TCP peer,
// and a reader for the NDJSON stream of POST .../diagnostics.
import net from "node:net";
import { listenOnFreePort } from "../support/listen";
import { prisma } from "@/lib/server/db";
import { ndjsonLines } from "@/lib/client/ndjson";

/** Sets environment variables for the duration of `fn` (the server reads targets on every run). */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export async function diagCounts() {
  const [runs, timeline, audit, ticks] = await Promise.all([
    prisma.diagnosticRun.count(),
    prisma.timelineEvent.count(),
    prisma.auditLog.count(),
    prisma.runbookTick.count(),
  ]);
  return { runs, timeline, audit, ticks };
}

/** A TCP server that accepts connections and never answers: a hung Redis. */
export async function hungServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  return {
    port: await listenOnFreePort(server),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TimedLine {
  line: Record<string, unknown>;
  /** ms since the request was sent */
  at: number;
}

/** Reads an NDJSON body line by line, noting when each line arrived. */
export async function readNdjson(response: Response, t0: number): Promise<TimedLine[]> {
  const lines: TimedLine[] = [];
  for await (const line of ndjsonLines(response.body!)) lines.push({ line: line as Record<string, unknown>, at: performance.now() - t0 });
  return lines;
}
