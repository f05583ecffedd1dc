import "server-only";
// The managers' weekly insights report, every Monday 09:00 in Settings' time zone, through the outbox: an email
// to each active manager and one Slack message in #monitoring mentioning them. Exactly once per week across
// restarts and instances: the claim row "insights.weeklyReport.<week>" (a primary key) and the notifications
// are written in ONE transaction, so either an instance wrote both or nothing was written; a second instance
// (or a repeated tick) finds the claim, or loses on the key and writes nothing.
import { prisma } from "../db";
import { env } from "../env";
import { isUniqueViolation } from "../db-errors";
import { writeOutbox, type OutboxEntry } from "../escalations/outbox";
import { computeInsightsFor, insightsTimeZone } from "./report";
import { SEVERITY_CHANNELS } from "@/lib/domain/escalation-matrix";
import { isStale, latestWeeklySlot, weeklyReportText } from "@/lib/domain/insights/weekly";
import { rangeDays } from "@/lib/domain/insights/weeks";
import type { Delivery } from "@/lib/domain/notification-plan";

export const WEEKLY_CLAIM_PREFIX = "insights.weeklyReport.";
/** Routine news goes where P3 news goes (#monitoring), never to #emergency. */
const MONITORING_CHANNEL = SEVERITY_CHANNELS.P3.routes.find((r) => r.kind === "slack")?.target ?? "#monitoring";

function appUrl(path: string): string {
  const base = env().NEXTAUTH_URL?.replace(/\/+$/, "") ?? "";
  return `${base}${path}`;
}

export async function runWeeklyReportTick(now: Date): Promise<{ week: string; written: number } | null> {
  const timeZone = await insightsTimeZone();
  const slot = latestWeeklySlot(now, timeZone);
  const claimKey = `${WEEKLY_CLAIM_PREFIX}${slot.week}`;
  if (isStale(slot, now)) return null;
  if (await prisma.appSetting.findUnique({ where: { key: claimKey }, select: { key: true } })) return null;

  const report = await computeInsightsFor(
    { from: slot.from, to: slot.to, severities: [], scenario: null, includeDrills: false, postmortemDays: 5 },
    timeZone,
    now,
  );
  const days = rangeDays(slot.from, slot.to, timeZone);
  const text = weeklyReportText(report, {
    page: appUrl(`/insights?from=${days.first}&to=${days.last}`),
    incident: (id) => appUrl(`/incidents/${id}`),
  });
  const managers = await prisma.user.findMany({
    where: { role: "manager", active: true },
    select: { id: true, name: true, email: true },
    orderBy: { id: "asc" },
  });
  const handles = (await prisma.userPagingContact.findMany({ where: { userId: { in: managers.map((m) => m.id) } } }))
    .map((c) => c.slackHandle)
    .filter(Boolean);
  const base: Omit<Delivery, "idempotencyKey" | "channel" | "to" | "mentions" | "recipient"> = {
    incidentId: "",
    event: "insights-report",
    severity: "P3",
    subject: text.subject,
    message: text.body,
    link: appUrl("/insights"),
    notBefore: null,
  };
  const key = `insights-report:${slot.week}`;
  const entries: OutboxEntry[] = managers
    .filter((m) => m.email)
    .map((m) => ({
      incidentId: null,
      isDrill: false,
      delivery: {
        ...base,
        idempotencyKey: `${key}:email:${m.id}`,
        channel: "email",
        to: m.email,
        recipient: { role: "manager", name: m.name },
        mentions: [],
      },
    }));
  if (managers.length > 0) {
    entries.push({
      incidentId: null,
      isDrill: false,
      delivery: { ...base, idempotencyKey: `${key}:slack`, channel: "slack", to: MONITORING_CHANNEL, recipient: null, mentions: handles },
    });
  }
  try {
    const written = await prisma.$transaction(async (tx) => {
      await tx.appSetting.create({
        data: { key: claimKey, value: { week: slot.week, dueAt: slot.dueAt.toISOString(), sentAt: now.toISOString() }, updatedAt: now },
      });
      return writeOutbox(tx, entries, now);
    });
    return { week: slot.week, written };
  } catch (error) {
    if (isUniqueViolation(error)) return null; // another instance wrote this week's report first
    throw error;
  }
}
