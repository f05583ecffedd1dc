import { describe, expect, it } from "vitest";
import {
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_MS,
  afterAttempt,
  classifyHttpFailure,
  isPermanentFailure,
  nextAttemptAt,
  parseRetryAfter,
} from "@/lib/domain/notification-plan";

const t0 = new Date("2026-11-25T03:00:00Z");
const plus = (ms: number) => new Date(t0.getTime() + ms).toISOString();

describe("retry policy", () => {
  it("backs off 10 s, 30 s, 2 min, 10 min, 30 min, deterministically", () => {
    expect([1, 2, 3, 4, 5].map((n) => nextAttemptAt(n, t0).toISOString())).toEqual([
      plus(10_000),
      plus(30_000),
      plus(120_000),
      plus(600_000),
      plus(1_800_000),
    ]);
    expect(nextAttemptAt(2, t0)).toEqual(nextAttemptAt(2, t0));
  });

  it("uses Retry-After instead of the backoff when the provider gives one, clamped to an hour", () => {
    expect(nextAttemptAt(1, t0, 45_000).toISOString()).toBe(plus(45_000));
    expect(nextAttemptAt(1, t0, 3_000).toISOString()).toBe(plus(3_000));
    expect(nextAttemptAt(1, t0, 10 * 3_600_000).toISOString()).toBe(plus(MAX_RETRY_AFTER_MS));
  });

  it("gives up after the sixth attempt or on a non-retryable error", () => {
    const transient = { ok: false as const, retryable: true, error: "HTTP 500" };
    expect(MAX_ATTEMPTS).toBe(6);
    expect(isPermanentFailure(5, transient)).toBe(false);
    expect(isPermanentFailure(6, transient)).toBe(true);
    expect(isPermanentFailure(1, { ok: false, retryable: false, error: "HTTP 404: channel_not_found" })).toBe(true);
  });

  it("classifies Slack's documented statuses", () => {
    for (const status of [400, 403, 404, 410]) expect(classifyHttpFailure(status, "x").retryable).toBe(false);
    for (const status of [408, 429, 500, 502, 503]) expect(classifyHttpFailure(status, "x").retryable).toBe(true);
    expect(classifyHttpFailure(404, "channel_not_found").error).toBe("HTTP 404: channel_not_found");
    expect(classifyHttpFailure(429, "", 30_000)).toEqual({ ok: false, retryable: true, error: "HTTP 429", retryAfterMs: 30_000 });
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("30", t0)).toBe(30_000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 03:01:00 GMT", t0)).toBe(60_000);
    expect(parseRetryAfter("soon", t0)).toBeUndefined();
    expect(parseRetryAfter(null, t0)).toBeUndefined();
  });

  it("turns an attempt's result into the outbox decision", () => {
    expect(afterAttempt({ ok: true, providerId: "SM1" }, 1, t0)).toEqual({ state: "sent", providerId: "SM1" });
    expect(afterAttempt({ ok: false, retryable: true, error: "HTTP 500" }, 2, t0)).toEqual({
      state: "retry",
      nextAttemptAt: new Date(plus(30_000)),
      error: "HTTP 500",
    });
    expect(afterAttempt({ ok: false, retryable: true, error: "HTTP 500" }, 6, t0)).toEqual({ state: "failed", error: "HTTP 500" });
    expect(afterAttempt({ ok: false, retryable: false, error: "HTTP 410" }, 1, t0)).toEqual({ state: "failed", error: "HTTP 410" });
  });
});
