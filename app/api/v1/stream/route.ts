import { apiRoute } from "@/lib/server/api";
import { subscribe } from "@/lib/server/change-bus";
import { AppError } from "@/lib/server/errors";
import { changeEventData } from "@/lib/server/live-snapshot";

export const dynamic = "force-dynamic";

const TOPIC = /^[a-z]+(:[A-Za-z0-9_-]+)?$/;

/**
 * Server-sent events: `event: change` with {topic, at} whenever a subscribed topic changes; an incident change
 * that names its parts carries their new data too (`snapshot`, lib/server/live-snapshot.ts), so open rooms need
 * not refetch.
 */
export const GET = apiRoute({}, async ({ actor, request }) => {
  const topics = (new URL(request.url).searchParams.get("topics") ?? "").split(",").filter(Boolean);
  if (topics.length === 0 || topics.length > 20 || !topics.every((t) => TOPIC.test(t))) {
    throw new AppError("validation_failed", "topics must be a comma-separated list like incident:42,incidents.", {
      topics: "Invalid topics.",
    });
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
      // Changes reach this screen in the order they happened even when a later one's snapshot is read first.
      let queue = Promise.resolve();
      const unsubscribe = await subscribe((message) => {
        if (!wanted.has(message.topic)) return;
        const data = changeEventData(message, actor);
        queue = queue.then(async () => send(`event: change\ndata: ${await data}\n\n`));
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
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
