"use client";
// Server-sent events from /api/v1/stream: when a topic changes anywhere (any app instance, through
// PostgreSQL LISTEN/NOTIFY), the matching react-query keys are invalidated — or, when an incident's change carries
// its new data, the room's cache is updated from it without a refetch. Polling stays on as a fallback.
// Every listening component shares the tab's one connection (LiveHub), provided by components/providers.tsx.
import { createContext, createElement, useContext, useEffect, useEffectEvent, useState, type ReactNode } from "react";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { LiveHub, type LiveChange, type LiveState } from "./live-hub";
import { applyIncidentSnapshot } from "./incident-snapshot";
import type { IncidentSnapshot } from "@/lib/server/live-snapshot";
import { incidentIdOfTopic } from "@/lib/domain/live-topics";

const LiveContext = createContext<LiveHub | null>(null);

/**
 * The hub hands one change object to every subscriber of its topic (the room and its runbook panel both listen to
 * the incident): its snapshot goes into the shared cache once, not once per listening component.
 */
const appliedSnapshots = new WeakSet<LiveChange>();

export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const [hub] = useState(() => new LiveHub());
  useEffect(() => () => hub.close(), [hub]);
  return createElement(LiveContext.Provider, { value: hub }, children);
}

export function useLiveTopics(topics: string[], keysFor: (topic: string) => QueryKey[]): LiveState {
  const hub = useContext(LiveContext);
  if (!hub) throw new Error("useLiveTopics needs <LiveUpdatesProvider> (components/providers.tsx)");
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  const topicList = topics.join(",");
  // keysFor may be a new function every render; the subscription reads the latest one.
  const onChange = useEffectEvent((topic: string, change: LiveChange) => {
    // An incident change that carries its data updates the room in place: nothing to refetch.
    const id = incidentIdOfTopic(topic);
    if (id !== null && change.snapshot) {
      if (appliedSnapshots.has(change)) return;
      appliedSnapshots.add(change);
      return applyIncidentSnapshot(client, id, change.snapshot as IncidentSnapshot);
    }
    for (const key of keysFor(topic)) void client.invalidateQueries({ queryKey: key });
  });

  useEffect(
    () =>
      hub.subscribe({
        topics: new Set(topicList.split(",").filter(Boolean)),
        onChange: (topic, change) => onChange(topic, change),
        onState: setState,
      }),
    [hub, topicList],
  );

  return state;
}
