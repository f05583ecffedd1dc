"use client";
// Server-sent events from /api/v1/stream: when a topic changes anywhere (any app instance, through
// PostgreSQL LISTEN/NOTIFY), the matching react-query keys are invalidated. Polling stays on as a fallback.
import { useEffect, useState } from "react";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";

export function useLiveTopics(topics: string[], keysFor: (topic: string) => QueryKey[]): "live" | "connecting" {
  const client = useQueryClient();
  const [state, setState] = useState<"live" | "connecting">("connecting");
  const topicList = topics.join(",");

  useEffect(() => {
    const source = new EventSource(`/api/v1/stream?topics=${encodeURIComponent(topicList)}`);
    source.addEventListener("open", () => setState("live"));
    source.addEventListener("error", () => setState("connecting"));
    source.addEventListener("change", (event) => {
      const { topic } = JSON.parse((event as MessageEvent<string>).data) as { topic: string };
      for (const key of keysFor(topic)) void client.invalidateQueries({ queryKey: key });
    });
    return () => source.close();
    // keysFor is a pure mapping; re-subscribing on its identity would reconnect on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, topicList]);

  return state;
}
