// The editor's autosave and "no lost work" logic, kept free of React so its rules read in one place.
//
// - Every edit is kept in localStorage at once (a crash or reload restores it) and saved to the server
//   after a short pause. Only the changed fields are sent, with the version they were based on.
// - A save refused as stale (409) brings the current text and who saved it. Fields only one side
//   changed merge by themselves (mergeSections); fields both changed become conflicts the user decides.
//   The user's text stays in the editor and in localStorage until then: nothing is overwritten silently.
// - Live updates from other editors are absorbed only when they merge cleanly; a conflicting one is left
//   for the next save to be refused, so the user always gets the same clear message.
import { mergeSections, type FieldConflict } from "@/lib/domain/postmortem/merge";
import type { PostmortemFieldKey, PostmortemSections } from "@/lib/domain/postmortem/template";
import type { SaveOutcome, SectionsStateDto } from "./api";

export type SaveStatus = "idle" | "dirty" | "saving" | "saved" | "error" | "conflict";

export interface ConflictState {
  theirs: SectionsStateDto;
  conflicts: FieldConflict<PostmortemFieldKey>[];
  /** the server's refusal message, or null when the conflict came from a restored draft */
  message: string | null;
}

export interface DraftState {
  draft: PostmortemSections;
  base: PostmortemSections;
  version: number;
  status: SaveStatus;
  /** client time (ms) of the last save this editor made */
  lastSavedAt: number | null;
  error: string | null;
  conflict: ConflictState | null;
  /** something the user should know that is not an error, e.g. "merged Kim's changes" */
  notice: { kind: "merged" | "restored"; by?: string } | null;
}

export interface DraftSessionOptions {
  id: string;
  initial: SectionsStateDto;
  save: (sections: PostmortemSections, version: number, options: { keepalive?: boolean }) => Promise<SaveOutcome>;
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
  debounceMs?: number;
  retryMs?: number;
  now?: () => number;
}

interface StoredDraft {
  version: number;
  base: PostmortemSections;
  draft: PostmortemSections;
  at: number;
}

const text = (s: PostmortemSections, k: string) => s[k as PostmortemFieldKey] ?? "";

export function changedFields(draft: PostmortemSections, base: PostmortemSections): PostmortemFieldKey[] {
  return (Object.keys({ ...draft, ...base }) as PostmortemFieldKey[]).filter((k) => text(draft, k) !== text(base, k));
}

export class DraftSession {
  private state: DraftState;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving = false;
  private again = false;
  private started = false;
  private readonly key: string;
  private readonly debounceMs: number;
  private readonly retryMs: number;
  private readonly now: () => number;

  constructor(private readonly options: DraftSessionOptions) {
    this.key = `ic.postmortem-draft.${options.id}`;
    this.debounceMs = options.debounceMs ?? 800;
    this.retryMs = options.retryMs ?? 5_000;
    this.now = options.now ?? Date.now;
    const { sections, version } = options.initial;
    this.state = { draft: sections, base: sections, version, status: "idle", lastSavedAt: null, error: null, conflict: null, notice: null };
  }

  /**
   * Called after mount (never during server rendering, where there is no localStorage): restores a draft
   * left in this browser and saves it. Safe to call again after dispose (React strict mode remounts).
   */
  start() {
    if (!this.started) {
      this.started = true;
      this.restore();
    }
    if (this.state.status === "dirty" && !this.state.conflict) this.schedule(this.debounceMs);
  }

  getState = (): DraftState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<DraftState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  edit(field: PostmortemFieldKey, value: string) {
    this.set({ draft: { ...this.state.draft, [field]: value }, status: this.state.conflict ? "conflict" : "dirty", notice: null });
    this.persist();
    if (!this.state.conflict) this.schedule(this.debounceMs);
  }

  /** Saves now (leaving the page, before a status change); resolves when nothing is pending. */
  async flush(options: { keepalive?: boolean } = {}): Promise<void> {
    this.clearTimer();
    await this.saveNow(options);
  }

  /** A newer server state from a live update or refetch. */
  absorb(server: SectionsStateDto) {
    if (server.version <= this.state.version || this.saving || this.state.conflict) return;
    const merge = mergeSections({ base: this.state.base, mine: this.state.draft, theirs: server.sections });
    if (!merge.clean) return; // the next save is refused and the user decides, with the refusal's message
    const dirty = merge.fromMine.length > 0 && merge.fromTheirs.length > 0;
    this.set({
      base: server.sections,
      version: server.version,
      draft: { ...server.sections, ...merge.merged },
      notice: dirty ? { kind: "merged", by: server.updatedByName } : this.state.notice,
    });
    this.persist();
  }

  /**
   * The user decided one conflicted field: keep mine (the editor's current text), take theirs, or keep
   * both (theirs first: it was saved first). When the last one is decided, saving resumes.
   */
  decide(field: PostmortemFieldKey, choice: "mine" | "theirs" | "both") {
    const conflict = this.state.conflict;
    const c = conflict?.conflicts.find((x) => x.field === field);
    if (!conflict || !c) return;
    const mine = text(this.state.draft, field);
    const value = choice === "mine" ? mine : choice === "theirs" ? c.theirs : `${c.theirs}\n\n${mine}`;
    const rest = conflict.conflicts.filter((x) => x.field !== field);
    const draft = { ...this.state.draft, [field]: value };
    if (rest.length > 0) this.set({ draft, conflict: { ...conflict, conflicts: rest } });
    else this.set({ draft, conflict: null, status: "dirty", notice: null });
    this.persist();
    if (rest.length === 0) this.schedule(0);
  }

  dispose() {
    this.clearTimer();
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number) {
    this.clearTimer();
    this.timer = setTimeout(() => void this.saveNow(), ms);
  }

  private async saveNow(options: { keepalive?: boolean } = {}): Promise<void> {
    if (this.state.conflict) return;
    if (this.saving) {
      this.again = true;
      return;
    }
    const fields = changedFields(this.state.draft, this.state.base);
    if (fields.length === 0) {
      this.forget();
      if (this.state.status === "dirty") this.set({ status: this.state.lastSavedAt ? "saved" : "idle" });
      return;
    }
    const sent = Object.fromEntries(fields.map((k) => [k, text(this.state.draft, k)])) as PostmortemSections;
    this.saving = true;
    this.set({ status: "saving", error: null });
    try {
      const outcome = await this.options.save(sent, this.state.version, options);
      if (outcome.ok) {
        const left = changedFields(this.state.draft, outcome.state.sections);
        this.set({
          base: outcome.state.sections,
          version: outcome.state.version,
          lastSavedAt: this.now(),
          status: left.length > 0 ? "dirty" : "saved",
        });
        if (left.length > 0) this.schedule(this.debounceMs);
        else this.forget();
      } else {
        this.refused(outcome.current, outcome.message);
      }
    } catch (error) {
      // Network or server trouble: the text is safe in localStorage; try again a little later.
      this.set({ status: "error", error: error instanceof Error ? error.message : String(error) });
      this.schedule(this.retryMs);
    } finally {
      this.saving = false;
    }
    if (this.again) {
      this.again = false;
      await this.saveNow(options);
    }
  }

  private refused(theirs: SectionsStateDto, message: string | null, saveNow = true) {
    const merge = mergeSections({ base: this.state.base, mine: this.state.draft, theirs: theirs.sections });
    if (merge.clean) {
      this.set({
        base: theirs.sections,
        version: theirs.version,
        draft: { ...theirs.sections, ...merge.merged },
        status: "dirty",
        notice: { kind: "merged", by: theirs.updatedByName },
      });
      this.persist();
      if (saveNow) this.schedule(0);
      return;
    }
    // Conflicted fields keep the user's text in the editor; the panel shows theirs next to it.
    const draft = { ...theirs.sections, ...merge.merged };
    for (const c of merge.conflicts) draft[c.field] = c.mine;
    this.set({
      base: theirs.sections,
      version: theirs.version,
      draft,
      status: "conflict",
      conflict: { theirs, conflicts: merge.conflicts, message },
    });
    this.persist();
  }

  private persist() {
    const { draft, base, version } = this.state;
    try {
      if (changedFields(draft, base).length === 0 && !this.state.conflict) this.forget();
      else this.options.storage?.setItem(this.key, JSON.stringify({ version, base, draft, at: this.now() } satisfies StoredDraft));
    } catch {
      // Storage full or disabled: the server autosave still runs.
    }
  }

  private forget() {
    try {
      this.options.storage?.removeItem(this.key);
    } catch {
      // ignore
    }
  }

  /** A draft left in this browser (reload, crash) is put back: as is, merged, or as a conflict. */
  private restore() {
    let stored: StoredDraft | null;
    try {
      const raw = this.options.storage?.getItem(this.key);
      stored = raw ? (JSON.parse(raw) as StoredDraft) : null;
    } catch {
      stored = null;
    }
    if (!stored || typeof stored.version !== "number" || changedFields(stored.draft ?? {}, stored.base ?? {}).length === 0) return;
    const server = this.options.initial;
    if (stored.version === server.version) {
      const restored = { ...server.sections };
      for (const k of changedFields(stored.draft, stored.base)) restored[k] = text(stored.draft, k);
      this.set({ draft: restored, status: "dirty", notice: { kind: "restored" } });
      return;
    }
    // The server moved on since: the same merge as a refused save (its base is what the draft started from).
    this.state = { ...this.state, base: stored.base, draft: stored.draft, version: stored.version };
    this.refused(server, null, false);
    if (this.state.conflict) return;
    // Already saved before the reload (the last save landed after all): nothing to restore.
    if (changedFields(this.state.draft, this.state.base).length === 0) {
      this.forget();
      this.set({ status: "idle", notice: null });
    } else this.set({ notice: { kind: "restored" } });
  }
}
