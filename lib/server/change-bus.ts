import "server-only";
// Tells every app instance that something changed, so open pages refresh within a second.
// PostgreSQL: LISTEN/NOTIFY on one channel (works across instances). SQLite: in-process only,
// which is right because the embedded SQLite default runs as a single instance.
import { EventEmitter } from "node:events";
import pg from "pg";
import { env, isPostgresUrl } from "./env";
import type { LivePart } from "@/lib/domain/live-topics";

export const CHANGE_CHANNEL = "incident_command_changes";

export interface ChangeMessage {
  /** e.g. "incident:42", "incidents" */
  topic: string;
  at: string;
  /** only the named parts changed; absent = anything may have changed (subscribers refetch everything) */
  parts?: readonly LivePart[];
}

/** A topic with the parts that changed (see ChangeMessage.parts). */
export interface TopicChange {
  topic: string;
  parts: readonly LivePart[];
}

type Listener = (message: ChangeMessage) => void;

interface BusState {
  emitter: EventEmitter;
  listenClient?: pg.Client;
  listening?: Promise<void>;
  notifyPool?: pg.Pool;
}

const g = globalThis as unknown as { __changeBus?: BusState };
function state(): BusState {
  if (!g.__changeBus) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    g.__changeBus = { emitter };
  }
  return g.__changeBus;
}

function ensureListening(): Promise<void> {
  const s = state();
  const url = env().DATABASE_URL;
  if (!isPostgresUrl(url)) return Promise.resolve();
  s.listening ??= (async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("notification", (n) => {
      if (n.channel !== CHANGE_CHANNEL || !n.payload) return;
      try {
        s.emitter.emit("change", JSON.parse(n.payload) as ChangeMessage);
      } catch {
        // a malformed payload from another writer is ignored, never crashes the listener
      }
    });
    client.on("error", () => {
      // Connection lost: forget it so the next subscriber reconnects; pages fall back to polling meanwhile.
      s.listenClient = undefined;
      s.listening = undefined;
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    s.listenClient = client;
  })().catch((err) => {
    s.listening = undefined;
    throw err;
  });
  return s.listening;
}

const localHooks = new Set<(topic: string) => void>();

/** Called with each topic this instance publishes, before it is sent (see publish). */
export function onLocalPublish(hook: (topic: string) => void): () => void {
  localHooks.add(hook);
  return () => localHooks.delete(hook);
}

/**
 * Whether this instance hears every change right now: always on SQLite (one process), on PostgreSQL only while
 * the LISTEN connection is up. What caches on the strength of the bus must not while it is false.
 */
export function busIsLive(): boolean {
  return !isPostgresUrl(env().DATABASE_URL) || state().listenClient !== undefined;
}

export async function subscribe(listener: Listener): Promise<() => void> {
  const s = state();
  s.emitter.on("change", listener);
  await ensureListening().catch(() => undefined);
  return () => s.emitter.off("change", listener);
}

/**
 * Publish after the change is committed. Never throws: the change is already saved, and a lost
 * notification only delays other screens until their next poll, so a failure is logged here and the
 * caller carries on.
 */
export async function publish(...changes: (string | TopicChange)[]): Promise<void> {
  const at = new Date().toISOString();
  const messages: ChangeMessage[] = changes.map((c) => (typeof c === "string" ? { topic: c, at } : { topic: c.topic, at, parts: c.parts }));
  // this instance's own caches first, synchronously: a read right after this write sees it (read your writes),
  // without waiting for PostgreSQL to hand the notification back
  for (const hook of localHooks) for (const m of messages) hook(m.topic);
  try {
    await send(messages);
  } catch (error) {
    console.error(`[change-bus] publishing ${messages.map((m) => m.topic).join(", ")} failed; pages catch up by polling`, error);
  }
}

async function send(messages: readonly ChangeMessage[]): Promise<void> {
  const s = state();
  const url = env().DATABASE_URL;
  if (!isPostgresUrl(url)) {
    for (const message of messages) s.emitter.emit("change", message);
    return;
  }
  s.notifyPool ??= new pg.Pool({ connectionString: url, max: 2 });
  if (messages.length === 0) return;
  // All topics in one round trip (a scheduler tick can touch many incidents at once).
  await s.notifyPool.query("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload", [
    CHANGE_CHANNEL,
    messages.map((m) => JSON.stringify(m)),
  ]);
}
