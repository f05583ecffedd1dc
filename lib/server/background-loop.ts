import "server-only";
// The one background loop of every feature (escalation scheduler and deliverer, rule evaluation): a
// self-rescheduling timer whose ticks never overlap; wake() runs a tick within WAKE_GATHER_MS (or that long
// after the running one), so a burst of wake-ups — fifty declarations in a second, each with its pages — is
// handled by a few ticks that take many rows each instead of one tick per wake-up. Errors are logged at most
// once a minute while they persist, never thrown.

const ERROR_LOG_EVERY_MS = 60_000;
/** a tick brought forward still leaves the event loop (and the database) this much air */
const MIN_DELAY_MS = 20;
/** how long a wake-up waits for others to join it: short next to any paging latency, long next to a tick */
export const WAKE_GATHER_MS = 25;

export interface Loop {
  wake(): void;
  stop(): Promise<void>;
}

/**
 * `name` is how the log calls the loop: "[escalations deliverer] tick failed …". `nextDelayMs` may bring the next
 * tick forward from a tick's result (e.g. the scheduler's next due step): never later than `intervalMs`.
 */
export function startLoop<T>(name: string, intervalMs: number, tick: () => Promise<T>, nextDelayMs?: (result: T) => number | null): Loop {
  let timer: NodeJS.Timeout | undefined;
  /** when the scheduled tick runs (ms since the epoch) */
  let dueAt = Infinity;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let lastErrorLog = 0;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    dueAt = Date.now() + ms;
    timer = setTimeout(() => void run(), ms);
    timer.unref();
  };
  const run = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    dueAt = Infinity;
    let delay = intervalMs;
    running = tick().then(
      (result) => {
        const wanted = nextDelayMs?.(result);
        if (wanted !== undefined && wanted !== null && Number.isFinite(wanted))
          delay = Math.min(intervalMs, Math.max(MIN_DELAY_MS, wanted));
      },
      (error: unknown) => {
        if (Date.now() - lastErrorLog < ERROR_LOG_EVERY_MS) return;
        lastErrorLog = Date.now();
        console.error(`[${name}] tick failed (retrying every ${intervalMs} ms)`, error);
      },
    );
    await running;
    running = null;
    if (stopped) return;
    if (again) {
      again = false;
      schedule(WAKE_GATHER_MS);
    } else schedule(delay);
  };
  schedule(0);
  return {
    wake: () => {
      if (stopped) return;
      if (running) again = true;
      else if (dueAt > Date.now() + WAKE_GATHER_MS) schedule(WAKE_GATHER_MS);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
