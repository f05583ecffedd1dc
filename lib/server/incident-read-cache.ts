import "server-only";
// What an incident's screens read (the incident row and its escalation history), kept per instance and dropped
// by the change bus: during a P0 many screens read the same unchanged incident, and each read would otherwise
// cost ~7 queries. Every write path publishes "incident:<id>" after its commit (incident-outbox dispatcher,
// escalation scheduler, acknowledgements, deliveries), so:
// - an entry is dropped when its incident's topic arrives, everything on a topic that may touch any incident;
// - a load that overlaps an invalidation is not stored (generation check), so a stale read never sticks;
// - concurrent reads of one incident share one load (200 watchers refetching at once cost one round of queries);
// - nothing is cached while the bus is not live (PostgreSQL LISTEN connection down): reads go to the database.
// Time-dependent parts (SLA, due steps) are computed from the cached rows at each read, with the clock.
import { busIsLive, onLocalPublish, subscribe, type ChangeMessage } from "./change-bus";

// a safety net only: a change whose announcement was lost still shows within one poll interval
const TTL_MS = 10_000;
const MAX_ENTRIES = 2_000;
/** topics that never change an incident's row or escalation history */
const UNRELATED = new Set(["alerts", "drills", "postmortems", "recoverychecks", "schedules"]);
/** the board also shows who is on call, so a schedule change matters to it */
const BOARD_UNRELATED = new Set(["alerts", "drills", "postmortems", "recoverychecks"]);

interface Entry {
  value: unknown;
  at: number;
}

interface CacheState {
  entries: Map<string, Entry>;
  inflight: Map<string, Promise<unknown>>;
  gens: Map<number, number>;
  epoch: number;
  /** bumped by every change that may touch any incident: what whole-board reads are shared under */
  boardGen: number;
  subscribed?: Promise<unknown>;
  localHook?: () => void;
}

const g = globalThis as unknown as { __incidentReadCache?: CacheState };

function state(): CacheState {
  g.__incidentReadCache ??= { entries: new Map(), inflight: new Map(), gens: new Map(), epoch: 0, boardGen: 0 };
  const s = g.__incidentReadCache;
  s.subscribed ??= subscribe((m) => onChange(s, m)).catch(() => {
    s.subscribed = undefined;
  });
  // this instance's own writes drop their entries at once (on PostgreSQL, before the notification comes back)
  s.localHook ??= onLocalPublish((topic) => onChange(s, { topic, at: "" }));
  return s;
}

function onChange(s: CacheState, message: ChangeMessage) {
  if (!BOARD_UNRELATED.has(message.topic) && !message.topic.startsWith("postmortem:")) s.boardGen++;
  const match = /^incident:(\d+)$/.exec(message.topic);
  if (match) {
    const id = Number(match[1]);
    s.gens.set(id, (s.gens.get(id) ?? 0) + 1);
    for (const key of [...s.entries.keys()]) if (key.startsWith(`${id}:`)) s.entries.delete(key);
    return;
  }
  if (UNRELATED.has(message.topic) || message.topic.startsWith("postmortem:")) return;
  s.epoch++;
  s.entries.clear();
}

/** `load()`'s answer for this incident and part, from memory while no change to the incident was announced. */
export async function cachedIncidentRead<T>(incidentId: number, part: string, load: () => Promise<T>): Promise<T> {
  const s = state();
  await s.subscribed;
  if (!busIsLive()) return load();
  const key = `${incidentId}:${part}`;
  const hit = s.entries.get(key);
  if (hit && performance.now() - hit.at < TTL_MS) return hit.value as T;
  const gen = s.gens.get(incidentId) ?? 0;
  const epoch = s.epoch;
  const flightKey = `${key}@${gen}.${epoch}`;
  const running = s.inflight.get(flightKey);
  if (running) return running as Promise<T>;
  const loading = load().finally(() => s.inflight.delete(flightKey));
  s.inflight.set(flightKey, loading);
  const value = await loading;
  if ((s.gens.get(incidentId) ?? 0) === gen && s.epoch === epoch && busIsLive()) {
    if (s.entries.size >= MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value as string);
    s.entries.set(key, { value, at: performance.now() });
  }
  return value;
}

/**
 * A read over every open incident (the escalations board), shared by the requests that arrive while one is running
 * and no change was announced since it started: 16 managers' boards refreshing at once cost one read. Nothing is
 * kept afterwards (the board moves with the clock); a request after a change always starts a read of its own.
 */
export async function sharedBoardRead<T>(variant: string, load: () => Promise<T>): Promise<T> {
  const s = state();
  await s.subscribed;
  if (!busIsLive()) return load();
  const flightKey = `board:${variant}@${s.boardGen}`;
  const running = s.inflight.get(flightKey);
  if (running) return running as Promise<T>;
  const loading = load().finally(() => s.inflight.delete(flightKey));
  s.inflight.set(flightKey, loading);
  return loading;
}
