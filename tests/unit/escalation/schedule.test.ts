import { describe, expect, it } from "vitest";
import { computeSchedule, dueSteps, resolvedIntervalsFromStatus, type ScheduleInput } from "@/lib/domain/escalation-schedule";
import type { Severity } from "@/lib/domain/severity";

const start = new Date("2026-11-25T03:00:00Z");
const MIN = 60_000;
const at = (minutes: number) => new Date(start.getTime() + minutes * MIN);

function schedule(severity: Severity, nowMin: number, extra: Partial<ScheduleInput> = {}) {
  return computeSchedule({ startedAt: start, now: at(nowMin), severityHistory: [{ severity, at: start }], ...extra });
}
/** The schedule at `nowMin` of an incident declared at `from` whose severity changed to `to` at `changedMin`. */
function changedSchedule(from: Severity, to: Severity, changedMin: number, nowMin: number, extra: Partial<ScheduleInput> = {}) {
  return computeSchedule({
    startedAt: start,
    now: at(nowMin),
    severityHistory: [
      { severity: from, at: start },
      { severity: to, at: at(changedMin) },
    ],
    ...extra,
  });
}
const summary = (s: ReturnType<typeof computeSchedule>) =>
  s.steps.map((st) => `${st.key}:${st.state}@${(st.dueAt.getTime() - start.getTime()) / MIN}`);

describe("escalation schedule per severity (manual 6.2)", () => {
  it("P0: team lead 15 min, department head 30 min, executive 1 h", () => {
    expect(summary(schedule("P0", 0))).toEqual(["team_lead:pending@15", "department_head:pending@30", "executive:pending@60"]);
  });
  it("P1: team lead 30 min, department head 1 h", () => {
    expect(summary(schedule("P1", 0))).toEqual(["team_lead:pending@30", "department_head:pending@60"]);
  });
  it("P2: team lead 1 h", () => {
    expect(summary(schedule("P2", 0))).toEqual(["team_lead:pending@60"]);
  });
  it("P3: no steps, nothing next", () => {
    const s = schedule("P3", 500);
    expect(s.steps).toEqual([]);
    expect(s.next).toBeNull();
    expect(s.timeToNextMs).toBeNull();
    expect(dueSteps(s, [])).toEqual([]);
  });

  it("jumping the clock by 15-minute steps fires P0 steps exactly at their elapsed times", () => {
    const seen: string[][] = [];
    const fired: string[] = [];
    for (let m = 0; m <= 75; m += 15) {
      const s = schedule("P0", m, { renotifyEveryMs: null });
      const due = dueSteps(s, fired).map((f) => f.fireKey);
      fired.push(...due);
      seen.push(due);
    }
    expect(seen).toEqual([[], ["team_lead"], ["department_head"], [], ["executive"], []]);
  });

  it.each([
    ["P1", [[], [], ["team_lead"], [], ["department_head"], []]],
    ["P2", [[], [], [], [], ["team_lead"], []]],
    ["P3", [[], [], [], [], [], []]],
  ] as const)("jumping the clock by 15 minutes fires %s steps at their times", (severity, expected) => {
    const fired: string[] = [];
    const seen = [0, 15, 30, 45, 60, 75].map((m) => {
      const due = dueSteps(schedule(severity, m, { renotifyEveryMs: null }), fired).map((f) => f.fireKey);
      fired.push(...due);
      return due;
    });
    expect(seen).toEqual(expected);
  });

  it("a step is not due one millisecond early, and is due at the exact minute", () => {
    const early = computeSchedule({
      startedAt: start,
      now: new Date(at(15).getTime() - 1),
      severityHistory: [{ severity: "P0", at: start }],
    });
    expect(early.steps[0].state).toBe("pending");
    expect(early.next?.key).toBe("team_lead");
    expect(early.timeToNextMs).toBe(1);
    const exact = schedule("P0", 15);
    expect(exact.steps[0]).toMatchObject({ state: "fired-due", overdueByMs: 0 });
    expect(exact.next?.key).toBe("department_head");
    expect(exact.timeToNextMs).toBe(15 * MIN);
  });

  it("reports how overdue a due step is", () => {
    expect(schedule("P1", 42).steps[0]).toMatchObject({ key: "team_lead", state: "fired-due", overdueByMs: 12 * MIN });
  });
});

describe("severity changes recompute from the original start", () => {
  it("P2 raised to P0 at 40 min owes the 15- and 30-minute steps now, at the change", () => {
    const history = [
      { severity: "P2" as const, at: start },
      { severity: "P0" as const, at: at(40) },
    ];
    const before = computeSchedule({ startedAt: start, now: at(39), severityHistory: history });
    expect(summary(before)).toEqual(["team_lead:pending@60"]);
    const s = computeSchedule({ startedAt: start, now: at(40), severityHistory: history });
    expect(summary(s)).toEqual(["team_lead:fired-due@40", "department_head:fired-due@40", "executive:pending@60"]);
    expect(s.severity).toBe("P0");
    expect(dueSteps(s, []).map((f) => f.fireKey)).toEqual(["team_lead", "department_head"]);
    expect(s.next?.key).toBe("executive");
    expect(s.timeToNextMs).toBe(20 * MIN);
  });

  it("P2 raised to P1 at 10 min moves the team lead from 60 to 30 min", () => {
    const s = changedSchedule("P2", "P1", 10, 10);
    expect(summary(s)).toEqual(["team_lead:pending@30", "department_head:pending@60"]);
  });

  it("lowering P0 to P2 at 20 min keeps the fired team lead and cancels the rest", () => {
    const s = changedSchedule("P0", "P2", 20, 20);
    expect(summary(s)).toEqual(["team_lead:fired-due@15", "department_head:cancelled@30", "executive:cancelled@60"]);
    expect(s.steps[1].cancelledBecause).toBe("severity-lowered");
    expect(s.next).toBeNull();
    // and the team lead is never owed again at P2's 60 minutes: one key per role
    const later = changedSchedule("P0", "P2", 20, 90, { renotifyEveryMs: null });
    expect(dueSteps(later, ["team_lead"])).toEqual([]);
  });

  it("lowering P0 to P1 at 20 min moves the department head from 30 to 60 min", () => {
    const s = changedSchedule("P0", "P1", 20, 20);
    expect(summary(s)).toEqual(["team_lead:fired-due@15", "department_head:pending@60", "executive:cancelled@60"]);
  });

  it("lowering P0 to P3 before anything was due cancels every step", () => {
    const s = changedSchedule("P0", "P3", 10, 30);
    expect(s.steps.map((x) => x.state)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(dueSteps(s, [])).toEqual([]);
  });

  it("a role dropped and re-added keeps its key, and is fired once", () => {
    const history = [
      { severity: "P0" as const, at: start },
      { severity: "P2" as const, at: at(20) },
      { severity: "P0" as const, at: at(50) },
    ];
    const mid = computeSchedule({ startedAt: start, now: at(49), severityHistory: history });
    expect(mid.steps.find((x) => x.key === "department_head")?.state).toBe("cancelled");
    const s = computeSchedule({ startedAt: start, now: at(50), severityHistory: history, renotifyEveryMs: null });
    expect(summary(s)).toEqual(["team_lead:fired-due@15", "department_head:fired-due@50", "executive:pending@60"]);
    expect(dueSteps(s, ["team_lead"]).map((f) => f.fireKey)).toEqual(["department_head"]);
  });

  it("a change recorded exactly at the due instant wins", () => {
    const s = changedSchedule("P0", "P3", 15, 20);
    expect(s.steps[0].state).toBe("cancelled");
  });

  it("ignores history after now, so the same history replays at any earlier time", () => {
    const history = [
      { severity: "P2" as const, at: start },
      { severity: "P0" as const, at: at(40) },
    ];
    expect(summary(computeSchedule({ startedAt: start, now: at(20), severityHistory: history }))).toEqual(["team_lead:pending@60"]);
  });
});

describe("resolve and reopen", () => {
  it("resolving stops all future steps; steps fired while open stay fired", () => {
    const s = schedule("P0", 25, { statusHistory: [{ status: "resolved", at: at(20) }] });
    expect(s.open).toBe(false);
    expect(summary(s)).toEqual(["team_lead:fired-due@15", "department_head:cancelled@30", "executive:cancelled@60"]);
    expect(s.steps[1].cancelledBecause).toBe("resolved");
    expect(s.next).toBeNull();
    expect(dueSteps(s, [])).toEqual([]);
  });

  it("resolving exactly at the due time means the step never fires", () => {
    expect(schedule("P0", 16, { resolvedIntervals: [{ from: at(15), to: null }] }).steps[0].state).toBe("cancelled");
  });

  it("reopening resumes; a step whose time passed while resolved becomes due at the reopen", () => {
    const statusHistory = [
      { status: "resolved" as const, at: at(20) },
      { status: "investigating" as const, at: at(45) },
    ];
    const s = schedule("P0", 45, { statusHistory, renotifyEveryMs: null });
    expect(s.open).toBe(true);
    expect(summary(s)).toEqual(["team_lead:fired-due@15", "department_head:fired-due@45", "executive:pending@60"]);
    expect(dueSteps(s, ["team_lead"]).map((f) => f.fireKey)).toEqual(["department_head"]);
  });

  it("a step whose time has not come yet at the reopen keeps its elapsed time", () => {
    const s = schedule("P1", 20, { resolvedIntervals: [{ from: at(5), to: at(10) }] });
    expect(summary(s)).toEqual(["team_lead:pending@30", "department_head:pending@60"]);
  });

  it("converts a status history to resolved intervals", () => {
    expect(
      resolvedIntervalsFromStatus([
        { status: "identified", at: at(5) },
        { status: "resolved", at: at(10) },
        { status: "investigating", at: at(20) },
        { status: "resolved", at: at(30) },
      ]),
    ).toEqual([
      { from: at(10), to: at(20) },
      { from: at(30), to: null },
    ]);
  });
});

describe("acknowledgement and re-notification", () => {
  it("acknowledging a step stops its reminders, not later steps", () => {
    const acks = [{ stepKey: "team_lead", by: "kim", at: at(17) }];
    const s = schedule("P0", 31, { acknowledgements: acks, fired: [{ stepKey: "team_lead", at: at(15) }] });
    expect(s.steps[0]).toMatchObject({ acknowledged: true, acknowledgedBy: "kim", acknowledgedAt: at(17), nextRenotifyAt: null });
    expect(dueSteps(s, ["team_lead"]).map((f) => f.fireKey)).toEqual(["department_head"]);
  });

  it("an unacknowledged fired step is re-notified every 15 minutes, the latest missed round only", () => {
    const fired = [{ stepKey: "team_lead", at: at(15) }];
    const s30 = schedule("P0", 30, { fired });
    expect(s30.steps[0].nextRenotifyAt).toEqual(at(45));
    expect(dueSteps(s30, ["team_lead", "department_head"])).toEqual([
      { fireKey: "team_lead#renotify-1", stepKey: "team_lead", role: "team_lead", kind: "renotify", round: 1, dueAt: at(30) },
    ]);
    const s62 = schedule("P0", 62, { fired });
    // the department head (due at 30, no recorded firing) counts its reminders from its due time
    const firedKeys = ["team_lead", "team_lead#renotify-1", "department_head", "department_head#renotify-2", "executive"];
    expect(dueSteps(s62, firedKeys).map((f) => f.fireKey)).toEqual(["team_lead#renotify-3"]);
    expect(dueSteps(s62, [...firedKeys, "team_lead#renotify-3"])).toEqual([]);
  });

  it("reminders stop when a lower severity no longer has the role, and continue when it still does", () => {
    const fired = [
      { stepKey: "team_lead", at: at(15) },
      { stepKey: "department_head", at: at(30) },
    ];
    const toP2 = changedSchedule("P0", "P2", 40, 46, { fired });
    expect(dueSteps(toP2, ["team_lead", "department_head"]).map((f) => f.fireKey)).toEqual(["team_lead#renotify-2"]);
    expect(toP2.steps.find((x) => x.key === "department_head")).toMatchObject({ state: "fired-due", nextRenotifyAt: null });
    const toP3 = changedSchedule("P0", "P3", 40, 46, { fired });
    expect(dueSteps(toP3, ["team_lead", "department_head"])).toEqual([]);
  });

  it("re-notification can be switched off", () => {
    expect(dueSteps(schedule("P0", 50, { renotifyEveryMs: null }), ["team_lead", "department_head"])).toEqual([]);
  });

  it("a recorded firing wins over a severity change at the same instant", () => {
    const s = changedSchedule("P0", "P3", 15, 16, { fired: [{ stepKey: "team_lead", at: at(15) }] });
    expect(s.steps.find((x) => x.key === "team_lead")).toMatchObject({ state: "fired-due", firedAt: at(15) });
  });

  it("is deterministic: the same input gives the same schedule", () => {
    const input: ScheduleInput = { startedAt: start, now: at(33), severityHistory: [{ severity: "P1", at: start }] };
    expect(computeSchedule(input)).toEqual(computeSchedule(input));
  });
});
