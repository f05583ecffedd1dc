import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runProbeIds } from "@/lib/diagnostics/registry";
import { defineProbe, runProbe, runProbes } from "@/lib/diagnostics/runner";
import { targetsFromEnv } from "@/lib/diagnostics/targets";
import type { AnyProbe, ProbeContext, ProbeOutcome, ProbeResult, RedisTarget } from "@/lib/diagnostics/types";

const target: RedisTarget = targetsFromEnv({ REDIS_URL: "redis://127.0.0.1:6390" }).redis[0];
const title = { ko: "시험", en: "test" };

function fakeProbe(check: (ctx: ProbeContext) => Promise<ProbeOutcome>, timeoutMs = 1_000) {
  const cleanups: boolean[] = [];
  const probe = defineProbe({
    id: "redis.ping",
    title,
    targetKind: "redis",
    timeoutMs,
    check: (_t, _p: undefined, ctx) => {
      ctx.defer((aborted) => void cleanups.push(aborted));
      return check(ctx);
    },
  });
  return { probe, cleanups };
}
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Fake timers (setTimeout, Date and performance): the tests move time instead of waiting for it.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** Starts the run, moves the clock by `ms`, and returns the settled result. */
async function after<T>(ms: number, run: Promise<T>): Promise<T> {
  await vi.advanceTimersByTimeAsync(ms);
  return run;
}

describe("executing a probe", () => {
  it("adds the probe id, target, start time and duration, and closes politely on success", async () => {
    const { probe, cleanups } = fakeProbe(async () => {
      await delay(20);
      return { verdict: "ok", summary: "PONG", data: { n: 1 } };
    });
    const before = Date.now();
    const r = await after(20, probe.run(target));
    expect(r).toMatchObject({ probeId: "redis.ping", verdict: "ok", summary: "PONG", data: { n: 1 }, target: "default" });
    expect(r.durationMs).toBe(20);
    expect(Date.parse(r.startedAt)).toBe(before);
    expect(cleanups).toEqual([false]);
  });

  it("turns a thrown connection error into a readable error result", async () => {
    const { probe, cleanups } = fakeProbe(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6390"), { code: "ECONNREFUSED" });
    });
    const r = await probe.run(target);
    expect(r.verdict).toBe("error");
    expect(r.summary).toBe("Redis at 127.0.0.1:6390 refused the connection");
    expect(r.data).toEqual({ error: { message: "connect ECONNREFUSED 127.0.0.1:6390", code: "ECONNREFUSED" } });
    expect(cleanups).toEqual([false]);
  });

  it("unwraps fetch's 'fetch failed' to its cause", async () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8080"), { code: "ECONNREFUSED" });
    const { probe } = fakeProbe(async () => {
      throw new TypeError("fetch failed", { cause });
    });
    expect((await probe.run(target)).summary).toBe("Redis at 127.0.0.1:6390 refused the connection");
  });

  it("answers 'timed out after N ms' within the bound when the check never settles, and aborts it", async () => {
    let signal: AbortSignal | undefined;
    const { probe, cleanups } = fakeProbe((ctx) => {
      signal = ctx.signal;
      return new Promise<ProbeOutcome>(() => undefined);
    });
    const run = probe.run(target, { timeoutMs: 80 });
    let settled = false;
    void run.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(79);
    expect(settled).toBe(false);
    const r = await after(1, run);
    expect(r.verdict).toBe("error");
    expect(r.summary).toBe("Redis at 127.0.0.1:6390 timed out after 80 ms");
    expect(r.durationMs).toBe(80);
    expect(signal?.aborted).toBe(true);
    expect(cleanups).toEqual([true]);
  });

  it("stops when the caller cancels", async () => {
    const controller = new AbortController();
    const { probe, cleanups } = fakeProbe(() => new Promise<ProbeOutcome>(() => undefined));
    setTimeout(() => controller.abort(), 20);
    const r = await after(20, probe.run(target, { signal: controller.signal }));
    expect(r.durationMs).toBe(20);
    expect(r.summary).toBe("cancelled before Redis at 127.0.0.1:6390 answered");
    expect(cleanups).toEqual([true]);
  });

  it("refuses a target of another kind", async () => {
    const { probe } = fakeProbe(async () => ({ verdict: "ok", summary: "", data: null }));
    const mysql = targetsFromEnv({}).mysql[0];
    const r = await runProbe(probe, mysql);
    expect(r.verdict).toBe("error");
    expect(r.summary).toBe('probe redis.ping needs a redis target, got mysql target "default"');
  });

  it("bounds and catches a probe that was not built with defineProbe", async () => {
    const rogue: AnyProbe = {
      id: "redis.ping",
      title,
      targetKind: "redis",
      timeoutMs: 10,
      run: () => new Promise<ProbeResult>(() => undefined),
    };
    // its own 10 ms, plus the clean-up bound (1 s) and a 250 ms margin
    const r = await after(1_260, runProbe(rogue, target));
    expect(r.verdict).toBe("error");
    expect(r.summary).toBe("Redis at 127.0.0.1:6390 timed out after 1260 ms");
    expect(r.durationMs).toBe(1_260);
    const thrower: AnyProbe = { ...rogue, run: () => Promise.reject(new Error("boom")) };
    expect((await runProbe(thrower, target)).summary).toBe("Redis at 127.0.0.1:6390: boom");
  });
});

describe("runProbes", () => {
  it("runs in parallel, reports each result as it finishes and returns them in job order", async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const jobs = [60, 10, 30].map((ms) => ({
      probe: fakeProbe(async () => {
        started.push(performance.now());
        await delay(ms);
        finished.push(performance.now());
        return { verdict: "ok" as const, summary: `${ms}`, data: null };
      }).probe,
      target,
    }));
    const seen: string[] = [];
    const run = runProbes(jobs, (r, i) => void seen.push(`${i}:${r.summary}`));
    await vi.advanceTimersByTimeAsync(10);
    expect(seen).toEqual(["1:10"]);
    const results = await after(50, run);
    expect(seen).toEqual(["1:10", "2:30", "0:60"]);
    expect(results.map((r) => r.summary)).toEqual(["60", "10", "30"]);
    expect(results.map((r) => r.durationMs)).toEqual([60, 10, 30]); // all three were running at once
    expect(Math.max(...started)).toBeLessThan(Math.min(...finished));
  });

  it("keeps going when the listener throws", async () => {
    const { probe } = fakeProbe(async () => ({ verdict: "ok", summary: "x", data: null }));
    const results = await runProbes(
      [
        { probe, target },
        { probe, target },
      ],
      () => {
        throw new Error("stream closed");
      },
    );
    expect(results.map((r) => r.verdict)).toEqual(["ok", "ok"]);
  });

  it("answers an error for a kind without a target", async () => {
    const targets = { ...targetsFromEnv({}), kafka: [] };
    const streamed: string[] = [];
    const [r] = await runProbeIds(["kafka.consumerLag"], targets, (x) => void streamed.push(x.probeId));
    expect(r).toMatchObject({ probeId: "kafka.consumerLag", verdict: "error", summary: "no kafka target configured" });
    expect(streamed).toEqual(["kafka.consumerLag"]);
  });
});
