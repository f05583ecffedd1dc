// Paging readiness with on-call schedules: a coming span with nobody on call pages the directory entry instead; with
// no entry either, a step firing then reaches nobody, and the check says so before it comes.
import { describe, expect, it } from "vitest";
import { scheduleCoverage, type ScheduleGaps } from "@/lib/domain/oncall/coverage";
import { pagedRoles, pagingReadiness } from "@/lib/domain/paging-readiness";
import { SEVERITIES } from "@/lib/domain/severity";
import { complete, everything, full } from "../support/paging";

const paged = [...new Set(SEVERITIES.flatMap((s) => pagedRoles(s)))];
const night = { start: "2026-12-05T15:00:00.000Z", end: "2026-12-06T00:00:00.000Z" };
const schedule = (role: string, gaps = [night]): ScheduleGaps => ({ scheduleId: `s-${role}`, role, name: `${role} rota`, gaps });

describe("schedule coverage", () => {
  it("a gap with a directory entry pages that entry: ready", () => {
    const coverage = scheduleCoverage({ schedules: [schedule("team_lead")], directory: complete, pagedRoles: paged });
    expect(coverage[0]).toMatchObject({ role: "team_lead", fallback: "teamlead", paged: true, unreachable: false });
    const r = pagingReadiness({ adapters: everything, contacts: complete, coverage });
    expect(r.ready).toBe(true);
    expect(r.coverage).toHaveLength(1);
  });

  it("a gap with no directory entry: the step is unreachable then, the severities paging the role are not ready", () => {
    const directory = complete.filter((c) => c.role !== "team_lead");
    const coverage = scheduleCoverage({ schedules: [schedule("team_lead")], directory, pagedRoles: paged });
    expect(coverage[0]).toMatchObject({ fallback: null, unreachable: true });
    // Today someone is on call for the team lead (the contacts passed in hold them), so today's channels reach people.
    const r = pagingReadiness({ adapters: everything, contacts: complete, coverage });
    expect(r.ready).toBe(false);
    expect(r.severities.map((s) => `${s.severity}:${s.state}:${s.uncovered.join(",")}`)).toEqual([
      "P0:partial:team_lead",
      "P1:partial:team_lead",
      "P2:partial:team_lead",
      "P3:ready:",
    ]);
  });

  it("a directory entry without a name still answers (it is paged, by role)", () => {
    const directory = [...complete.filter((c) => c.role !== "executive"), { ...full("executive", ""), name: " " }];
    const [c] = scheduleCoverage({ schedules: [schedule("executive")], directory, pagedRoles: paged });
    expect(c).toMatchObject({ fallback: "", unreachable: false });
  });

  it("no gaps, or a role that no severity pages, never blocks readiness", () => {
    const coverage = scheduleCoverage({
      schedules: [schedule("team_lead", []), schedule("cdn_provider")],
      directory: complete,
      pagedRoles: paged,
    });
    expect(coverage.map((c) => [c.role, c.paged, c.unreachable])).toEqual([
      ["team_lead", true, false],
      ["cdn_provider", false, false],
    ]);
    expect(pagingReadiness({ adapters: everything, contacts: complete, coverage }).ready).toBe(true);
  });
});
