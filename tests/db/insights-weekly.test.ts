// The managers' weekly insights report: written to the outbox at Monday 09:00 (Settings' time zone) with the
// headline figures and links, exactly once however many ticks and instances run — the claim and the
// notifications commit together. The clock is passed in, as the loop passes the app's clock.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { runWeeklyReportTick, WEEKLY_CLAIM_PREFIX } from "@/lib/server/insights/weekly";

// Monday 2031-03-10 09:00 in Seoul (00:00 UTC); the report covers 2031-03-03 to 2031-03-09.
const DUE = new Date("2031-03-10T00:00:00Z");
const MIN = 60_000;
let incidentId: number;
let managers: number;

const reportRows = (week: string) =>
  prisma.notification.findMany({ where: { idempotencyKey: { startsWith: `insights-report:${week}:` } } });

beforeAll(async () => {
  // A P1 in the covered week (Wednesday), resolved after 45 minutes: it missed its 30-minute target.
  const declared = new Date("2031-03-05T01:00:00Z");
  const incident = await prisma.incident.create({
    data: {
      title: "Orders failing",
      severity: "P1",
      status: "resolved",
      startedAt: declared,
      createdAt: declared,
      resolvedAt: new Date(declared.getTime() + 45 * MIN),
    },
  });
  incidentId = incident.id;
  managers = await prisma.user.count({ where: { role: "manager", active: true } });
});

describe(`weekly insights report on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("writes nothing before Monday 09:00, then the report to each manager by email and to Slack", async () => {
    expect(managers).toBeGreaterThan(0);
    expect(await runWeeklyReportTick(new Date(DUE.getTime() - MIN))).toBeNull();
    expect(await reportRows("2031-03-03")).toHaveLength(0);

    expect(await runWeeklyReportTick(new Date(DUE.getTime() + 30_000))).toEqual({ week: "2031-03-03", written: managers + 1 });
    const rows = await reportRows("2031-03-03");
    expect(rows.filter((r) => r.channel === "email")).toHaveLength(managers);
    const slack = rows.find((r) => r.channel === "slack")!;
    expect(slack).toMatchObject({ target: "#monitoring", status: "pending", event: "insights-report", incidentId: null });
    expect(slack.subject).toBe("[주간 인사이트] 2031-03-03 ~ 2031-03-09 장애 1건, 목표 달성 0%");
    expect(slack.body).toContain("P1: 1건, 목표 달성 0%, MTTR 중앙값 45분");
    expect(slack.body).toMatch(new RegExp(`#${incidentId} \\S*/incidents/${incidentId}`));
    expect(slack.body).toMatch(/\/insights\?from=2031-03-03&to=2031-03-09/);
  });

  it("is written once: a later tick, a restart and racing instances add nothing", async () => {
    expect(await runWeeklyReportTick(new Date(DUE.getTime() + 5 * MIN))).toBeNull();
    expect(await reportRows("2031-03-03")).toHaveLength(managers + 1);

    // The next Monday, three instances tick at the same moment: one writes, the others find the claim or lose on it.
    const next = new Date(DUE.getTime() + 7 * 24 * 60 * MIN + 1_000);
    const results = await Promise.all([runWeeklyReportTick(next), runWeeklyReportTick(next), runWeeklyReportTick(next)]);
    expect(results.filter((r) => r !== null)).toEqual([{ week: "2031-03-10", written: managers + 1 }]);
    expect(await reportRows("2031-03-10")).toHaveLength(managers + 1);
    expect(await prisma.appSetting.count({ where: { key: { startsWith: WEEKLY_CLAIM_PREFIX } } })).toBe(2);
  });

  it("skips a week whose slot passed more than a day ago (the app was down)", async () => {
    const late = new Date(DUE.getTime() + 14 * 24 * 60 * MIN + 25 * 60 * MIN);
    expect(await runWeeklyReportTick(late)).toBeNull();
    expect(await reportRows("2031-03-17")).toHaveLength(0);
  });
});
