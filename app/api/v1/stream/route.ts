import { apiRoute } from "@/lib/server/api";
import { subscribe } from "@/lib/server/change-bus";
import { AppError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

const TOPIC = /^[a-z]+(:[A-Za-z0-9_-]+)?$/;

/** Server-sent events: `event: change` with {topic, at} whenever a subscribed topic changes. */
export const GET = apiRoute({}, async ({ request }) => {
  const topics = (new URL(request.url).searchParams.get("topics") ?? "").split(",").filter(Boolean);
  if (topics.length === 0 || topics.length > 20 || !topics.every((t) => TOPIC.test(t))) {
    throw new AppError("validation_failed", "topics must be a comma-separated list like incident:42,incidents.", { topics: "Invalid topics." });
  }
  const wanted = new Set(topics);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await subscribe((message) => {
        if (wanted.has(message.topic)) send(`event: change\ndata: ${JSON.stringify(message)}\n\n`);
      });
      // Comments keep proxies from closing an idle stream.
      const heartbeat = setInterval(() => send(": ping\n\n"), 15_000);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send("retry: 2000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
