import "server-only";
// The VAPID key pair (RFC 8292) that signs every push: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when set, otherwise a
// pair generated at first use into .data/vapid-keys.json, the way scripts/start.sh keeps .data/nextauth-secret:
// kept, so devices subscribed yesterday still take today's pushes (a browser refuses a push signed with another key).
// The file is created exclusively (flag "wx"), so two processes starting together agree on the first pair written.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import webpush from "web-push";
import { env } from "../env";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const DATA_DIR = ".data";
export const VAPID_FILE = "vapid-keys.json";

let cached: VapidKeys | undefined;

function isPair(value: unknown): value is { publicKey: string; privateKey: string } {
  const v = value as { publicKey?: unknown; privateKey?: unknown } | null;
  return typeof v?.publicKey === "string" && typeof v.privateKey === "string" && v.publicKey.length > 0 && v.privateKey.length > 0;
}

function readPair(file: string): { publicKey: string; privateKey: string } | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    return isPair(parsed) ? { publicKey: parsed.publicKey, privateKey: parsed.privateKey } : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`${file} is not a VAPID key file ({"publicKey","privateKey"}): delete it to generate a new pair`, { cause: error });
  }
}

/** The pair from the data folder, generated there if it is not there yet. */
export function storedPair(dir: string = DATA_DIR): { publicKey: string; privateKey: string } {
  const file = join(dir, VAPID_FILE);
  const existing = readPair(file);
  if (existing) return existing;
  const fresh = webpush.generateVAPIDKeys();
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(fresh), { flag: "wx", mode: 0o600 });
    return fresh;
  } catch (error) {
    // another process wrote it first: use theirs
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readPair(file) ?? fresh;
    throw error;
  }
}

export function vapidKeys(): VapidKeys {
  if (cached) return cached;
  const e = env();
  if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY))
    throw new Error("Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither (a pair is then kept in .data/vapid-keys.json).");
  const pair =
    e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : storedPair();
  const subject = e.VAPID_SUBJECT ?? (e.ADMIN_EMAIL ? `mailto:${e.ADMIN_EMAIL}` : "mailto:incident-command@localhost");
  cached = { ...pair, subject };
  return cached;
}

/** For tests that change the keys' variables. */
export function resetVapidKeys(): void {
  cached = undefined;
}
