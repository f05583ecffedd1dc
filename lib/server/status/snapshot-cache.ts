import "server-only";
// The public page's data is read from a short-lived per-instance cache so /status stays fast while the team
// is busiest: at most one database read per TTL, concurrent requests share the read in flight. A published
// update clears it at once on the instance that handles its outbox row (handlers.ts); other instances
// follow within the TTL.
export const SNAPSHOT_TTL_MS = 5_000;

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

const g = globalThis as unknown as { __statusSnapshot?: Map<string, Entry<unknown>> };
const entries: Map<string, Entry<unknown>> = (g.__statusSnapshot ??= new Map<string, Entry<unknown>>());

export function cachedSnapshot<T>(key: string, nowMs: number, load: () => Promise<T>): Promise<T> {
  const hit = entries.get(key) as Entry<T> | undefined;
  if (hit && nowMs - hit.at < SNAPSHOT_TTL_MS && nowMs >= hit.at) return hit.value;
  const value = load();
  entries.set(key, { at: nowMs, value });
  // a failed read is not cached: the next request tries again
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

export function invalidateStatusSnapshot(): void {
  entries.clear();
}
