// The editor's autosave rules without a browser: debounce, only changed fields sent, stale-save merge,
// conflicts kept until decided, drafts restored from storage after a reload.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DraftSession, type DraftSessionOptions } from "@/components/postmortems/draft-session";
import type { SaveOutcome, SectionsStateDto } from "@/components/postmortems/api";
import type { PostmortemSections } from "@/lib/domain/postmortem/template";

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

/** A fake server with the real rule: a save must name the current version. */
function fakeServer(initial: PostmortemSections) {
  const server = { sections: { ...initial }, version: 1, updatedByName: "Kim", calls: [] as PostmortemSections[] };
  const save: DraftSessionOptions["save"] = async (sections, version): Promise<SaveOutcome> => {
    server.calls.push(sections);
    const current: SectionsStateDto = {
      sections: { ...server.sections },
      version: server.version,
      updatedAt: "2026-11-25T03:00:00Z",
      updatedByName: server.updatedByName,
    };
    if (version !== server.version) return { ok: false, current, message: "stale" };
    server.sections = { ...server.sections, ...sections };
    server.version += 1;
    server.updatedByName = "Me";
    return {
      ok: true,
      state: { sections: { ...server.sections }, version: server.version, updatedAt: "x", updatedByName: "Me", changed: true },
    };
  };
  return { server, save };
}

const initialState = (sections: PostmortemSections, version = 1): SectionsStateDto => ({
  sections: { ...sections },
  version,
  updatedAt: "2026-11-25T03:00:00Z",
  updatedByName: "Kim",
});

/** A session on `initial`, started as after mount (a draft left in storage is restored and saved). */
function startSession(id: string, initial: SectionsStateDto, options: Omit<DraftSessionOptions, "id" | "initial">): DraftSession {
  const session = new DraftSession({ id, initial, ...options });
  session.start();
  return session;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("DraftSession", () => {
  it("saves only the changed fields after a pause, once, and forgets the local draft when saved", async () => {
    const { server, save } = fakeServer({ severity: "P1", impact: "" });
    const storage = new MemoryStorage();
    const s = startSession("pm1", initialState(server.sections), { save, storage, debounceMs: 800 });
    s.edit("impact", "1,2");
    s.edit("impact", "1,200 users");
    expect(storage.items.size).toBe(1); // kept locally at once
    expect(s.getState().status).toBe("dirty");
    await vi.advanceTimersByTimeAsync(799);
    expect(server.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toEqual([{ impact: "1,200 users" }]);
    expect(s.getState()).toMatchObject({ status: "saved", version: 2 });
    expect(s.getState().lastSavedAt).not.toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it("a refused save merges fields only the other person changed and saves the user's text on top", async () => {
    const { server, save } = fakeServer({ impact: "", rootCause: "" });
    const s = startSession("pm2", initialState(server.sections), { save, storage: new MemoryStorage() });
    server.sections.rootCause = "TTL missing"; // someone else saved meanwhile
    server.version = 2;
    s.edit("impact", "1,200 users");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.getState()).toMatchObject({ status: "saved", version: 3, notice: { kind: "merged", by: "Kim" } });
    expect(s.getState().draft).toMatchObject({ impact: "1,200 users", rootCause: "TTL missing" });
    expect(server.sections).toMatchObject({ impact: "1,200 users", rootCause: "TTL missing" });
  });

  it("both changed the same field: nothing is saved until the user decides; their text is shown, mine kept", async () => {
    const { server, save } = fakeServer({ rootCause: "" });
    const storage = new MemoryStorage();
    const s = startSession("pm3", initialState(server.sections), { save, storage });
    server.sections.rootCause = "Theirs";
    server.version = 2;
    s.edit("rootCause", "Mine");
    await vi.advanceTimersByTimeAsync(1_000);
    const state = s.getState();
    expect(state.status).toBe("conflict");
    expect(state.conflict?.conflicts).toEqual([{ field: "rootCause", base: "", mine: "Mine", theirs: "Theirs" }]);
    expect(state.draft.rootCause).toBe("Mine");
    expect(JSON.parse(storage.items.get("ic.postmortem-draft.pm3") ?? "{}").draft.rootCause).toBe("Mine");
    s.edit("rootCause", "Mine, edited");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.calls).toHaveLength(1); // only the refused one
    s.decide("rootCause", "both");
    await vi.advanceTimersByTimeAsync(10);
    expect(server.sections.rootCause).toBe("Theirs\n\nMine, edited");
    expect(s.getState()).toMatchObject({ status: "saved", conflict: null });
  });

  it("after a reload, an unsaved draft comes back from storage and is saved", async () => {
    const { server, save } = fakeServer({ impact: "", rootCause: "" });
    const storage = new MemoryStorage();
    const first = startSession("pm4", initialState(server.sections), { save, storage });
    first.edit("impact", "typed before the crash");
    first.dispose(); // the tab died before the pause ended
    expect(server.calls).toEqual([]);
    const second = startSession("pm4", initialState(server.sections), { save, storage });
    expect(second.getState()).toMatchObject({ status: "dirty", notice: { kind: "restored" }, draft: { impact: "typed before the crash" } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.sections.impact).toBe("typed before the crash");
  });

  it("a restored draft older than the server merges with what was saved since, or asks", async () => {
    const { server, save } = fakeServer({ impact: "", rootCause: "" });
    const storage = new MemoryStorage();
    const first = startSession("pm5", initialState(server.sections), { save, storage });
    first.edit("rootCause", "mine");
    first.dispose();
    server.sections = { impact: "theirs", rootCause: "" };
    server.version = 2;
    const clean = startSession("pm5", initialState(server.sections, 2), { save, storage });
    expect(clean.getState()).toMatchObject({
      draft: { impact: "theirs", rootCause: "mine" },
      notice: { kind: "restored" },
      conflict: null,
    });
    clean.dispose();
    server.sections = { impact: "theirs", rootCause: "also theirs" };
    server.version = 3;
    const conflicted = startSession("pm5", initialState(server.sections, 3), { save, storage });
    expect(conflicted.getState().conflict?.conflicts.map((c) => c.field)).toEqual(["rootCause"]);
    expect(conflicted.getState().draft.rootCause).toBe("mine");
  });

  it("network trouble keeps the text and retries; a live update merges only when clean", async () => {
    let fail = true;
    const { server, save } = fakeServer({ impact: "", rootCause: "" });
    const flaky: DraftSessionOptions["save"] = (...args) => (fail ? Promise.reject(new Error("offline")) : save(...args));
    const s = startSession("pm6", initialState(server.sections), { save: flaky, storage: new MemoryStorage(), retryMs: 2_000 });
    s.edit("impact", "x");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.getState()).toMatchObject({ status: "error", error: "offline" });
    fail = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(s.getState().status).toBe("saved");
    s.absorb({ sections: { impact: "x", rootCause: "from Lee" }, version: 3, updatedAt: "y", updatedByName: "Lee" });
    expect(s.getState()).toMatchObject({ version: 3, draft: { rootCause: "from Lee" } });
    s.edit("rootCause", "mine");
    s.absorb({ sections: { impact: "x", rootCause: "Lee again" }, version: 4, updatedAt: "z", updatedByName: "Lee" });
    expect(s.getState()).toMatchObject({ version: 3, draft: { rootCause: "mine" } }); // left for the refused save
  });
});
