// A minimal HTTP server around the app's own route handlers (the Alertmanager webhook and /api/health),
// for bench/alertmanager.mts when no production build is at hand (`next build` is serialised on this
// machine). Same handlers, same Prisma client and database, same single Node process and event loop
// as `next start`; without Next's routing layer. Runs with --conditions=react-server (server-only).
// Usage: node --conditions=react-server --import tsx bench/support/alertmanager-server.mts <port>
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { POST as webhook } from "@/app/api/integrations/alertmanager/route";
import { GET as health } from "@/app/api/health/route";
import { startServerTasks } from "@/lib/server/startup";

const port = Number(process.argv[2] ?? 3300);
// What instrumentation.ts does on a real instance: SQLite in WAL mode, the background loops (rule
// engine, escalations, …) sharing the database and the event loop.
await startServerTasks();

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const url = `http://127.0.0.1:${port}${req.url ?? "/"}`;
    let response: Response;
    if (req.method === "POST" && req.url === "/api/integrations/alertmanager") {
      response = await webhook(new Request(url, { method: "POST", headers, body: Buffer.concat(chunks) }));
    } else if (req.method === "GET" && req.url === "/api/health") {
      response = await health();
    } else {
      response = new Response("not found", { status: 404 });
    }
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
}

// serve() answers every request itself, errors included: nothing is left for the server to await.
createServer((req, res) => void serve(req, res)).listen(port, "127.0.0.1", () => console.log(`[bench] handler server on ${port}`));
