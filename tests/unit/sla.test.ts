import { describe, expect, it } from "vitest";
import { computeSla, describeRemaining } from "@/lib/domain/sla";
import { SEVERITY_TARGET_MS } from "@/lib/domain/severity";

const start = new Date("2026-11-25T03:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe("SLA countdown", () => {
  it("uses the manual's targets: 15 min, 30 min, 2 h, 4 h", () => {
    expect(SEVERITY_TARGET_MS).toEqual({ P0: 15 * 60_000, P1: 30 * 60_000, P2: 120 * 60_000, P3: 240 * 60_000 });
  });

  it("counts down from the start to the target", () => {
    const sla = computeSla({ severity: "P0", startedAt: start, now: at(5) });
    expect(sla.targetAt.toISOString()).toBe("2026-11-25T03:15:00.000Z");
    expect(sla.remainingMs).toBe(10 * 60_000);
    expect(sla.breached).toBe(false);
  });

  it("turns into a breach after the target when the clock jumps 15 minutes", () => {
    const sla = computeSla({ severity: "P0", startedAt: start, now: at(15 + 3) });
    expect(sla.breached).toBe(true);
    expect(describeRemaining(sla.remainingMs)).toMatchObject({ breached: true, breachedMinutes: 3 });
  });

  it("counts seconds, not a whole minute, during the first minute over the target", () => {
    const fiveSecondsOver = computeSla({ severity: "P0", startedAt: start, now: new Date(at(15).getTime() + 5_000) });
    expect(describeRemaining(fiveSecondsOver.remainingMs)).toMatchObject({ breached: true, breachedSeconds: 5, breachedMinutes: 0 });
    const minuteOver = describeRemaining(computeSla({ severity: "P0", startedAt: start, now: at(16) }).remainingMs);
    expect(minuteOver).toMatchObject({ breached: true, breachedMinutes: 1 });
    expect(minuteOver.breachedSeconds).toBeUndefined();
  });

  it("freezes at resolution", () => {
    const sla = computeSla({ severity: "P1", startedAt: start, resolvedAt: at(20), now: at(300) });
    expect(sla.remainingMs).toBe(10 * 60_000);
    expect(sla.breached).toBe(false);
  });

  it("a severity change recomputes the target from the original start", () => {
    const p2 = computeSla({ severity: "P2", startedAt: start, now: at(40) });
    const p0 = computeSla({ severity: "P0", startedAt: start, now: at(40) });
    expect(p2.breached).toBe(false);
    expect(p0.breached).toBe(true);
    expect(describeRemaining(p0.remainingMs).breachedMinutes).toBe(25);
  });

  it("formats time left as m:ss and h:mm:ss", () => {
    expect(describeRemaining(9 * 60_000 + 5_000).text).toBe("9:05");
    expect(describeRemaining(2 * 3600_000 + 60_000).text).toBe("2:01:00");
  });
});
