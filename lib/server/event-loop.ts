import "server-only";

/**
 * Give the event loop one turn (pending requests, timers) before going on. On SQLite every query is
 * synchronous (better-sqlite3): a chain of awaited queries never waits on I/O, so without this a long
 * piece of work (a 5,000-alert group) holds every other request — /api/health, a page, an
 * acknowledgement — until it is done.
 */
export function letOthersIn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
