import "server-only";
// What the escalations board, the incident room strip and the API show: per incident its schedule (each
// step's due time, firing, lateness, acknowledgement), the delivery state of every notification per
// channel, who cannot be reached, and the next step with the time left. Built from the same durable
// history the scheduler reads, with the same pure schedule, so the screen and the pager never disagree.
import { incidentsHeldByMaintenance } from "../status/maintenance";
import { STATUS_CHANNELS } from "../status/channels";
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { sharedBoardRead } from "../incident-read-cache";
import { can } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import { afterKeyset, encodeCursor } from "../pagination";
import type { Notification, Prisma } from "@/lib/generated/prisma/client";
import type { Schedule } from "@/lib/domain/escalation-schedule";
import type { ChannelKind } from "@/lib/domain/escalation-matrix";
import { planNotifications, type ContactEntry } from "@/lib/domain/notification-plan";
import { severityRank } from "@/lib/domain/severity";
import { loadHistories, scheduleOf, type IncidentHistory } from "./state";
import { fireKeyOf, textsOf } from "./outbox";
import { loadContacts } from "./directory";
import { onCallDirectory } from "../oncall/directory";
import { allRuleSets } from "../reach/notification-rules";
import { adapterFor } from "@/lib/notify/config";
import type { DeliveryChannel } from "@/lib/domain/notification-plan";
import { adapterOfProviderId, deliveryTruth, type DeliveryTruth } from "@/lib/domain/delivery-state";
import { notifyConfig } from "./config";
import type {
  DeliveryDto,
  EscalationBoardDto,
  EscalationStepDto,
  IncidentEscalationDto,
  IncidentEscalationSummaryDto,
  NotificationLogDto,
} from "./dto";

type NotificationWithOk = Notification & { deliveries: { providerId: string | null }[] };
/** The contacts a notification planned at an instant pages (on-call people in place of their roles' entries). */
type ContactsAt = (at: Date) => ContactEntry[];

/**
 * The matrix's last step is due 1 h after the start; a day covers every pending step of every open incident. On-call
 * people carry their notification rules, so "not reachable" names the channels their own rules would use.
 */
async function contactsOver(now: Date): Promise<ContactsAt> {
  const [at, rules] = await Promise.all([
    onCallDirectory(prisma, await loadContacts(), now, new Date(now.getTime() + 24 * 3_600_000)),
    allRuleSets(prisma),
  ]);
  return (instant) => at(instant).map((c) => (c.userId ? { ...c, rules: rules.get(c.userId) ?? {} } : c));
}

/** Where the row's message went (or will go) and what that achieved: an outbox-only "sent" is not a delivery. */
function truthOf(n: Notification, deliveredProviderId: string | null | undefined, now: Date): DeliveryTruth {
  const planned = adapterFor(notifyConfig(), n.channel as DeliveryChannel, n.target);
  return deliveryTruth(n, adapterOfProviderId(deliveredProviderId), planned, now);
}

/** Phone numbers and addresses are the contacts directory's, which only admins see in full. */
function maskTarget(channel: string, target: string): string {
  if (channel === "slack") return target;
  if (channel === "email") {
    const [user, domain] = target.split("@");
    return domain ? `${user.slice(0, 1)}•••@${domain}` : "•••";
  }
  return target.length > 4 ? `••••${target.slice(-4)}` : "••••";
}

function deliveryDto(n: NotificationWithOk, now: Date, reveal: boolean): DeliveryDto {
  const truth = truthOf(n, n.deliveries[0]?.providerId, now);
  return {
    id: n.id,
    channel: n.channel as ChannelKind,
    to: reveal ? n.target : maskTarget(n.channel, n.target),
    recipient: n.recipient || null,
    state: truth.state,
    attempts: n.attempts,
    lastError: n.lastError,
    nextAttemptAt: n.status === "pending" ? n.nextAttemptAt.toISOString() : null,
    sentAt: n.sentAt?.toISOString() ?? null,
    via: truth.via,
    outboxReason: truth.outboxReason,
    fireKey: fireKeyOf(n),
  };
}

async function notificationsFor(incidentIds: number[]): Promise<Map<number, NotificationWithOk[]>> {
  const rows = incidentIds.length
    ? await prisma.notification.findMany({
        where: { incidentId: { in: incidentIds } },
        include: { deliveries: { where: { ok: true }, select: { providerId: true }, take: 1 } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      })
    : [];
  const map = new Map<number, NotificationWithOk[]>();
  for (const row of rows) {
    if (row.incidentId === null) continue;
    const list = map.get(row.incidentId) ?? [];
    list.push(row);
    map.set(row.incidentId, list);
  }
  return map;
}

function stepsOf(
  h: IncidentHistory,
  schedule: Schedule,
  notifications: NotificationWithOk[],
  contactsAt: ContactsAt,
  now: Date,
  reveal: boolean,
): EscalationStepDto[] {
  return schedule.steps.map((step) => {
    const row = h.firings.find((f) => f.fireKey === step.key && f.firedAt);
    const reminders = h.firings.filter((f) => f.stepKey === step.key && f.fireKey !== step.key && f.firedAt).length;
    const deliveries = notifications.filter((n) => fireKeyOf(n)?.split("#")[0] === step.key).map((n) => deliveryDto(n, now, reveal));
    // Who this step cannot reach: shown before it fires, so it can still be fixed. A pending step pages whoever is on
    // call at its due time (else the directory entry); a fired one's reminders page whoever is on call now.
    const contacts = contactsAt(step.dueAt > now ? step.dueAt : now);
    const unreachable =
      step.state === "cancelled"
        ? []
        : planNotifications({
            incident: { id: h.incident.id, title: h.incident.title, severity: schedule.severity, startedAt: h.incident.startedAt },
            event: { kind: "escalation", role: step.role, fireKey: step.key, round: 0, at: now },
            contacts,
          }).unreachable.map((u) => ({ ...u }));
    return {
      id: row?.id ?? null,
      key: step.key,
      role: step.role,
      state: step.state === "fired-due" ? (row ? "fired" : "due") : step.state,
      cancelledBecause: step.cancelledBecause ?? null,
      dueAt: step.dueAt.toISOString(),
      firedAt: row?.firedAt?.toISOString() ?? null,
      lateByMs: row?.lateByMs ?? null,
      acknowledgedAt: step.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: step.acknowledgedBy ?? null,
      reminders,
      nextReminderAt: step.nextRenotifyAt?.toISOString() ?? null,
      deliveries,
      unreachable,
    };
  });
}

function escalationOf(
  h: IncidentHistory,
  notifications: NotificationWithOk[],
  contactsAt: ContactsAt,
  now: Date,
  reveal: boolean,
): IncidentEscalationDto {
  const schedule = scheduleOf(h, now);
  const next = schedule.next;
  return {
    now: now.toISOString(),
    incident: { ...h.incident, startedAt: h.incident.startedAt.toISOString() },
    open: schedule.open,
    steps: stepsOf(h, schedule, notifications, contactsAt, now, reveal),
    next: next
      ? { key: next.key, role: next.role, dueAt: next.dueAt.toISOString(), timeLeftMs: next.dueAt.getTime() - now.getTime() }
      : null,
    eventDeliveries: notifications.filter((n) => fireKeyOf(n) === null).map((n) => deliveryDto(n, now, reveal)),
    failedDeliveries: notifications.filter((n) => n.status === "failed").length,
  };
}

const needsAttention = (i: IncidentEscalationDto) => i.steps.some((s) => (s.state === "fired" || s.state === "due") && !s.acknowledgedAt);

/**
 * Every open incident: unacknowledged escalations first, then the soonest next step, then severity. Without `now`
 * (a request), boards asked for at the same moment share one read (sharedBoardRead); with a `now`, its own read.
 */
export async function getEscalationBoard(viewer: Actor, now?: Date): Promise<EscalationBoardDto> {
  if (now) return readEscalationBoard(viewer, now);
  const variant = can(viewer.role, "contacts.edit") ? "with-contacts" : "without-contacts";
  return sharedBoardRead(variant, () => readEscalationBoard(viewer, clockNow()));
}

async function readEscalationBoard(viewer: Actor, now: Date): Promise<EscalationBoardDto> {
  const histories = await loadHistories({ status: { not: "resolved" } });
  const [notifications, contactsAt] = await Promise.all([notificationsFor(histories.map((h) => h.incident.id)), contactsOver(now)]);
  const reveal = can(viewer.role, "contacts.edit");
  const held = await incidentsHeldByMaintenance(
    histories.map((h) => h.incident.id),
    now,
  );
  const items = histories.map((h) => ({
    ...escalationOf(h, notifications.get(h.incident.id) ?? [], contactsAt, now, reveal),
    heldByMaintenance: held.has(h.incident.id),
  }));
  items.sort(
    (a, b) =>
      Number(needsAttention(b)) - Number(needsAttention(a)) ||
      (a.next ? a.next.timeLeftMs : Infinity) - (b.next ? b.next.timeLeftMs : Infinity) ||
      severityRank(a.incident.severity) - severityRank(b.incident.severity) ||
      a.incident.id - b.incident.id,
  );
  return { now: now.toISOString(), items };
}

export async function getIncidentEscalation(viewer: Actor, incidentId: number, now: Date = clockNow()): Promise<IncidentEscalationDto> {
  const [history] = await loadHistories({ id: incidentId });
  if (!history) throw notFound(`Incident ${incidentId}`);
  const [notifications, contactsAt] = await Promise.all([notificationsFor([incidentId]), contactsOver(now)]);
  return escalationOf(history, notifications.get(incidentId) ?? [], contactsAt, now, can(viewer.role, "contacts.edit"));
}

/**
 * The summary straight from the history (schedule and firings), without the notifications and the contacts
 * directory that only the full view needs: what the incident read (GET /api/v1/incidents/{id}) carries.
 */
export function summarizeHistory(h: IncidentHistory, now: Date): IncidentEscalationSummaryDto {
  const schedule = scheduleOf(h, now);
  const next = schedule.next;
  return {
    steps: schedule.steps.map((step) => {
      const row = h.firings.find((f) => f.fireKey === step.key && f.firedAt);
      return {
        id: row?.id ?? null,
        key: step.key,
        role: step.role,
        state: step.state === "fired-due" ? (row ? "fired" : "due") : step.state,
        dueAt: step.dueAt.toISOString(),
        firedAt: row?.firedAt?.toISOString() ?? null,
        acknowledgedAt: step.acknowledgedAt?.toISOString() ?? null,
        acknowledgedBy: step.acknowledgedBy ?? null,
      };
    }),
    next: next
      ? { key: next.key, role: next.role, dueAt: next.dueAt.toISOString(), timeLeftMs: next.dueAt.getTime() - now.getTime() }
      : null,
  };
}

export function summarize(escalation: IncidentEscalationDto): IncidentEscalationSummaryDto {
  return {
    steps: escalation.steps.map((s) => ({
      id: s.id,
      key: s.key,
      role: s.role,
      state: s.state,
      dueAt: s.dueAt,
      firedAt: s.firedAt,
      acknowledgedAt: s.acknowledgedAt,
      acknowledgedBy: s.acknowledgedBy,
    })),
    next: escalation.next,
  };
}

const NOTIFICATION_PAGE = 100;
export const NOTIFICATION_CURSOR = ["d", "s"] as const;

/** The outbox log, newest first: every notification with each delivery attempt. */
export async function listNotifications(
  viewer: Actor,
  filter: { incidentId?: number; after?: [createdAt: string, id: string]; limit?: number },
  now: Date = clockNow(),
): Promise<{ items: NotificationLogDto[]; nextCursor?: string }> {
  const take = Math.min(filter.limit ?? NOTIFICATION_PAGE, NOTIFICATION_PAGE);
  const after = filter.after;
  const rows = await prisma.notification.findMany({
    // (the status page's subscriber email and webhooks share the outbox but are not pages: they are left out,
    // and subscribers' addresses are no one's business here)
    where: {
      AND: [
        filter.incidentId !== undefined ? { incidentId: filter.incidentId } : {},
        after
          ? afterKeyset<Prisma.NotificationWhereInput>([
              ["createdAt", "lt", new Date(after[0])],
              ["id", "lt", after[1]],
            ])
          : {},
        { channel: { notIn: [...STATUS_CHANNELS] } },
      ],
    },
    include: { deliveries: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const reveal = can(viewer.role, "contacts.edit");
  const page = rows.slice(0, take);
  const items = page.map((n): NotificationLogDto => {
    const ok = n.deliveries.find((d) => d.ok);
    const truth = truthOf(n, ok?.providerId, now);
    return {
      id: n.id,
      incidentId: n.incidentId,
      event: n.event,
      channel: n.channel as ChannelKind,
      to: reveal ? n.target : maskTarget(n.channel, n.target),
      recipient: n.recipient || null,
      ...textsOf(n),
      isDrill: n.isDrill,
      state: truth.state,
      via: truth.via,
      outboxReason: truth.outboxReason,
      deliveredVia: ok?.providerId?.split(":")[0] ?? null,
      // the outbox's provider id is the idempotency key, which names the phone number or address
      attempts: n.deliveries.map((d) => ({
        at: d.at.toISOString(),
        ok: d.ok,
        error: d.error,
        providerId: reveal ? d.providerId : (d.providerId?.split(":")[0] ?? null),
        durationMs: d.durationMs,
      })),
      createdAt: n.createdAt.toISOString(),
      notBefore: n.notBefore?.toISOString() ?? null,
      sentAt: n.sentAt?.toISOString() ?? null,
      lastError: n.lastError,
    };
  });
  const last = page.at(-1);
  // keyset (createdAt, id) like every list: a cursor that is not one of ours is refused, never an empty page
  return { items, ...(rows.length > take && last ? { nextCursor: encodeCursor([last.createdAt.toISOString(), last.id]) } : {}) };
}
