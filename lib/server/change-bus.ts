import "server-only";
// Tells every app instance that something changed, so open pages refresh within a second.
// PostgreSQL: LISTEN/NOTIFY on one channel (works across instances). SQLite: in-process only,
// which is right because the embedded SQLite default runs as a single instance.
import { EventEmitter } from "node:events";
import pg from "pg";
import { env, isPostgresUrl } from "./env";

export const CHANGE_CHANNEL = "incident_command_changes";

export interface ChangeMessage {
  /** e.g. "incident:42", "incidents" */
  topic: string;
  at: string;
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

export async function subscribe(listener: Listener): Promise<() => void> {
  const s = state();
  s.emitter.on("change", listener);
  await ensureListening().catch(() => undefined);
  return () => s.emitter.off("change", listener);
}

/** Publish after the change is committed. */
export async function publish(...topics: string[]): Promise<void> {
  const s = state();
  const url = env().DATABASE_URL;
  const at = new Date().toISOString();
  if (!isPostgresUrl(url)) {
    for (const topic of topics) s.emitter.emit("change", { topic, at });
    return;
  }
  s.notifyPool ??= new pg.Pool({ connectionString: url, max: 2 });
  if (topics.length === 0) return;
  // All topics in one round trip (a scheduler tick can touch many incidents at once).
  await s.notifyPool.query("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload", [
    CHANGE_CHANNEL,
    topics.map((topic) => JSON.stringify({ topic, at })),
  ]);
}
