// A loop's next tick may be brought forward by its tick's result (the escalation scheduler wakes when the next
// step comes due), but never later than its interval, never in a busy spin, and never overlapping.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startLoop, WAKE_GATHER_MS } from "@/lib/server/background-loop";

describe("background loop", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("wakes when the tick asks (the next due step), never later than the interval nor sooner than 20 ms", async () => {
    const ticks: number[] = [];
    const delays = [300, 5_000, -50, null];
    const loop = startLoop(
      "test",
      1_000,
      async () => {
        ticks.push(Date.now());
        return delays[ticks.length - 1] ?? null;
      },
      (wanted) => wanted,
    );
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(0); // first tick at once
    await vi.advanceTimersByTimeAsync(300); // asked for 300 ms
    await vi.advanceTimersByTimeAsync(1_000); // asked for 5 s: the interval wins
    await vi.advanceTimersByTimeAsync(20); // a past due time: the minimum delay
    await vi.advanceTimersByTimeAsync(1_000); // nothing asked: the interval
    await loop.stop();
    expect(ticks.map((t) => t - t0)).toEqual([0, 300, 1_300, 1_320, 2_320]);
  });

  it("wake-ups in a burst share one tick, run within WAKE_GATHER_MS; one during a tick runs another after it", async () => {
    const ticks: number[] = [];
    let release: (() => void) | null = null;
    let hold = false;
    const loop = startLoop("test", 10_000, async () => {
      ticks.push(Date.now());
      if (hold) await new Promise<void>((resolve) => (release = resolve));
    });
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(0); // the first tick at start
    for (let i = 0; i < 50; i++) {
      loop.wake(); // fifty declarations within a few milliseconds
      await vi.advanceTimersByTimeAsync(0.4);
    }
    await vi.advanceTimersByTimeAsync(WAKE_GATHER_MS);
    expect(ticks.map((t) => t - t0)).toEqual([0, WAKE_GATHER_MS]);

    hold = true;
    loop.wake();
    await vi.advanceTimersByTimeAsync(WAKE_GATHER_MS); // a tick starts and is still running…
    expect(ticks).toHaveLength(3);
    loop.wake(); // …when more work arrives: not lost, run once the tick ends
    hold = false;
    release!();
    await vi.advanceTimersByTimeAsync(WAKE_GATHER_MS);
    expect(ticks).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(5_000); // and then nothing until the interval
    expect(ticks).toHaveLength(4);
    await loop.stop();
  });
});
