import "server-only";
// The paging readiness check (Settings, the escalations board banner, GET /api/v1/escalations/readiness):
// today's adapters, the contacts directory and the on-call schedules through the pure rules in
// lib/domain/paging-readiness and lib/domain/oncall/coverage. A role with a schedule is judged by whoever is on call
// now (their paging phone and Slack id), and its coming gaps by whether the directory answers in them.
import { configuredAdapters, type NotifyConfig } from "@/lib/notify/config";
import { pagedRoles, pagingReadiness } from "@/lib/domain/paging-readiness";
import { COVERAGE_HORIZON_DAYS, scheduleCoverage } from "@/lib/domain/oncall/coverage";
import { SEVERITIES } from "@/lib/domain/severity";
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { withOnCall } from "../oncall/directory";
import { loadOnCallResolver } from "../oncall/resolver";
import { notifyConfig } from "./config";
import { loadContacts } from "./directory";
import type { PagingReadinessDto } from "./dto";

export async function getPagingReadiness(now: Date = clockNow(), config: NotifyConfig = notifyConfig()): Promise<PagingReadinessDto> {
  const directory = await loadContacts();
  const horizon = new Date(now.getTime() + COVERAGE_HORIZON_DAYS * 24 * 3_600_000);
  const [contacts, resolver, schedules] = await Promise.all([
    withOnCall(prisma, directory, now),
    loadOnCallResolver(now, horizon),
    prisma.onCallSchedule.findMany({ select: { id: true, role: true, name: true }, orderBy: { role: "asc" } }),
  ]);
  const coverage = scheduleCoverage({
    schedules: schedules.map((s) => ({ scheduleId: s.id, role: s.role, name: s.name, gaps: resolver.gaps(s.role, now, horizon) })),
    directory,
    pagedRoles: [...new Set(SEVERITIES.flatMap((s) => pagedRoles(s)))],
  });
  return {
    checkedAt: now.toISOString(),
    coverageUntil: horizon.toISOString(),
    ...pagingReadiness({ adapters: configuredAdapters(config), contacts, coverage }),
  };
}
