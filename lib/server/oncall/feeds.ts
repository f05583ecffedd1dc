import "server-only";
// Calendar feeds: a secret URL per schedule or per user that a calendar app polls (iCalendar, RFC 5545). The
// secret is shown once in the URL; only its sha256 is stored, and a new one (or a revoke) ends the old URL.
import { randomBytes } from "node:crypto";
import { prisma } from "../db";
import { now } from "../clock";
import { env } from "../env";
import { hashToken, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { notFound } from "../errors";
import { loadOnCallResolver } from "./resolver";
import { renderCalendar, type CalendarEvent } from "@/lib/domain/oncall/ical";
import { contactRoleName } from "@/lib/i18n/labels";

export type FeedKind = "schedule" | "user";

const DAY = 24 * 3_600_000;
/** What a feed shows: a week back (so today's shift is there) and eight weeks ahead. */
const BACK = 7 * DAY;
const AHEAD = 56 * DAY;

function feedUrl(secret: string): string {
  const base = (env().NEXTAUTH_URL ?? "").replace(/\/+$/, "");
  return `${base}/api/calendar/${secret}.ics`;
}

/** A new secret URL for the subject; any earlier one stops working. */
export async function rotateFeed(actor: Actor, kind: FeedKind, subjectId: string): Promise<{ url: string }> {
  const secret = randomBytes(24).toString("base64url");
  const at = now();
  await prisma.$transaction(async (tx) => {
    await tx.calendarFeed.updateMany({ where: { kind, subjectId, revokedAt: null }, data: { revokedAt: at } });
    await tx.calendarFeed.create({ data: { kind, subjectId, tokenHash: hashToken(secret), createdAt: at } });
    await writeAudit(tx, actor, { action: "calendar-feed.create", entity: kind, entityId: subjectId, at });
  });
  return { url: feedUrl(secret) };
}

export async function revokeFeed(actor: Actor, kind: FeedKind, subjectId: string): Promise<void> {
  const at = now();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.calendarFeed.updateMany({ where: { kind, subjectId, revokedAt: null }, data: { revokedAt: at } });
    if (count > 0) await writeAudit(tx, actor, { action: "calendar-feed.revoke", entity: kind, entityId: subjectId, at });
  });
}

export async function feedStatus(kind: FeedKind, subjectId: string): Promise<{ active: boolean; createdAt: string | null }> {
  const row = await prisma.calendarFeed.findFirst({ where: { kind, subjectId, revokedAt: null }, orderBy: { createdAt: "desc" } });
  return { active: Boolean(row), createdAt: row?.createdAt.toISOString() ?? null };
}

/** The iCalendar text behind a secret, or not found (unknown, revoked, or its subject is gone). */
export async function renderFeed(secret: string): Promise<string> {
  const feed = await prisma.calendarFeed.findUnique({ where: { tokenHash: hashToken(secret) } });
  if (!feed || feed.revokedAt) throw notFound("Calendar feed");
  const at = now();
  const from = new Date(at.getTime() - BACK);
  const to = new Date(at.getTime() + AHEAD);
  const resolver = await loadOnCallResolver(from, to);
  const base = (env().NEXTAUTH_URL ?? "").replace(/\/+$/, "");
  const events: CalendarEvent[] = [];
  let name: string;
  if (feed.kind === "schedule") {
    const schedule = await prisma.onCallSchedule.findUnique({ where: { id: feed.subjectId } });
    if (!schedule) throw notFound("Calendar feed");
    const role = contactRoleName(schedule.role);
    name = `${schedule.name} · ${role.ko} / ${role.en}`;
    for (const shift of resolver.shifts(schedule.role, from, to)) {
      if (!shift.user) continue;
      events.push(shiftEvent(schedule.id, schedule.role, shift.user, shift.start, shift.end, base));
    }
  } else {
    const user = await prisma.user.findUnique({ where: { id: feed.subjectId }, select: { id: true, name: true, active: true } });
    if (!user || !user.active) throw notFound("Calendar feed");
    name = `${user.name} · 온콜 / on call`;
    for (const role of resolver.roles) {
      const scheduleId = resolver.scheduleIdOf(role)!;
      for (const shift of resolver.shifts(role, from, to)) {
        if (shift.user?.id === user.id) events.push(shiftEvent(scheduleId, role, shift.user, shift.start, shift.end, base));
      }
    }
  }
  return renderCalendar({ name, generatedAt: at.getTime(), events: events.sort((a, b) => a.start - b.start) });
}

function shiftEvent(
  scheduleId: string,
  role: string,
  user: { id: string; name: string },
  start: string,
  end: string,
  base: string,
): CalendarEvent {
  const label = contactRoleName(role);
  return {
    // Stable per (schedule, person, start): a calendar updates a moved end instead of adding a second event.
    uid: `oncall-${scheduleId}-${user.id}-${Date.parse(start)}@incident-command`,
    start: Date.parse(start),
    end: Date.parse(end),
    summary: `온콜 ${label.ko} · On call: ${label.en} (${user.name})`,
    description: `${label.ko} 온콜: ${user.name}\n${label.en} on call: ${user.name}`,
    url: base ? `${base}/oncall/${scheduleId}` : undefined,
  };
}
