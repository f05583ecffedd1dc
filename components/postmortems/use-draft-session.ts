"use client";
// Binds a DraftSession (autosave, merge, local drafts) to React: one session per postmortem, started
// after mount, fed with newer server states, flushed when the tab is hidden or closed.
import { useEffect, useState, useSyncExternalStore } from "react";
import { DraftSession, type DraftState } from "./draft-session";
import { saveSections, type SectionsStateDto } from "./api";

export function useDraftSession(id: string, server: SectionsStateDto, enabled: boolean): { session: DraftSession; state: DraftState } {
  const [session] = useState(
    () =>
      new DraftSession({
        id,
        initial: server,
        save: (sections, version, options) => saveSections(id, sections, version, options),
        // Only read after mount (start), so server rendering never touches it.
        storage: typeof window === "undefined" ? null : window.localStorage,
        debounceMs: 800,
      }),
  );
  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);

  useEffect(() => {
    if (!enabled) return;
    session.start();
    const onHide = () => {
      if (document.visibilityState === "hidden") void session.flush({ keepalive: true });
    };
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", onHide);
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", onHide);
      session.dispose();
    };
  }, [session, enabled]);

  // Someone else saved (live update or refetch): take it in when it merges cleanly.
  useEffect(() => {
    if (enabled) session.absorb(server);
  }, [session, enabled, server]);

  return { session, state };
}
