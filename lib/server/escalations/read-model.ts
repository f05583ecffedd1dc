import "server-only";
// What the escalations board, the incident room strip and the API show: per incident its schedule (each
// step's due time, firing, lateness, acknowledgement), the delivery state of every notification per
// channel, who cannot be reached, and the next step with the time left. Built from the same durable
// history the scheduler reads, with the same pure schedule, so the screen and the pager never disagree.
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { can } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import type { Notification } from "@/lib/generated/prisma/client";
import type { Schedule } from "@/lib/domain/escalation-schedule";
import type { ChannelKind } from "@/lib/domain/escalation-matrix";
import { planNotifications, type ContactEntry } from "@/lib/domain/notification-plan";
import { severityRank } from "@/lib/domain/severity";
import { loadHistories, scheduleOf, type IncidentHistory } from "./state";
import { fireKeyOf, textsOf } from "./outbox";
import { loadContacts } from "./directory";
import type {
  DeliveryDto,
  DeliveryState,
  EscalationBoardDto,
  EscalationStepDto,
  IncidentEscalationDto,
  IncidentEscalationSummaryDto,
  NotificationLogDto,
} from "./dto";

type NotificationWithOk = Notification & { deliveries: { providerId: string | null }[] };

function deliveryState(n: Pick<Notification, "status" | "attempts" | "notBefore">, now: Date): DeliveryState {
  if (n.status === "sent" || n.status === "failed" || n.status === "sending") return n.status;
  if (n.notBefore && n.notBefore > now) return "held";
  return n.attempts > 0 ? "retrying" : "pending";
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

const viaOf = (n: NotificationWithOk) => n.deliveries[0]?.providerId?.split(":")[0] ?? null;

function deliveryDto(n: NotificationWithOk, now: Date, reveal: boolean): DeliveryDto {
  return {
    id: n.id,
    channel: n.channel as ChannelKind,
    to: reveal ? n.target : maskTarget(n.channel, n.target),
    recipient: n.recipient || null,
    state: deliveryState(n, now),
    attempts: n.attempts,
    lastError: n.lastError,
    nextAttemptAt: n.status === "pending" ? n.nextAttemptAt.toISOString() : null,
    sentAt: n.sentAt?.toISOString() ?? null,
    via: viaOf(n),
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

function stepsOf(h: IncidentHistory, schedule: Schedule, notifications: NotificationWithOk[], contacts: ContactEntry[], now: Date, reveal: boolean): EscalationStepDto[] {
  return schedule.steps.map((step) => {
    const row = h.firings.find((f) => f.fireKey === step.key && f.firedAt);
    const reminders = h.firings.filter((f) => f.stepKey === step.key && f.fireKey !== step.key && f.firedAt).length;
    const deliveries = notifications.filter((n) => fireKeyOf(n)?.split("#")[0] === step.key).map((n) => deliveryDto(n, now, reveal));
    // Who this step cannot reach with today's directory: shown before it fires, so it can still be fixed.
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

function escalationOf(h: IncidentHistory, notifications: NotificationWithOk[], contacts: ContactEntry[], now: Date, reveal: boolean): IncidentEscalationDto {
  const schedule = scheduleOf(h, now);
  const next = schedule.next;
  return {
    now: now.toISOString(),
    incident: { ...h.incident, startedAt: h.incident.startedAt.toISOString() },
    open: schedule.open,
    steps: stepsOf(h, schedule, notifications, contacts, now, reveal),
    next: next ? { key: next.key, role: next.role, dueAt: next.dueAt.toISOString(), timeLeftMs: next.dueAt.getTime() - now.getTime() } : null,
    eventDeliveries: notifications.filter((n) => fireKeyOf(n) === null).map((n) => deliveryDto(n, now, reveal)),
    failedDeliveries: notifications.filter((n) => n.status === "failed").length,
  };
}

const needsAttention = (i: IncidentEscalationDto) => i.steps.some((s) => (s.state === "fired" || s.state === "due") && !s.acknowledgedAt);

/** Every open incident: unacknowledged escalations first, then the soonest next step, then severity. */
export async function getEscalationBoard(viewer: Actor, now: Date = clockNow()): Promise<EscalationBoardDto> {
  const histories = await loadHistories({ status: { not: "resolved" } });
  const [notifications, contacts] = await Promise.all([notificationsFor(histories.map((h) => h.incident.id)), loadContacts()]);
  const reveal = can(viewer.role, "contacts.edit");
  const items = histories.map((h) => escalationOf(h, notifications.get(h.incident.id) ?? [], contacts, now, reveal));
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
  const [notifications, contacts] = await Promise.all([notificationsFor([incidentId]), loadContacts()]);
  return escalationOf(history, notifications.get(incidentId) ?? [], contacts, now, can(viewer.role, "contacts.edit"));
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

/** The outbox log, newest first: every notification with each delivery attempt. */
export async function listNotifications(
  viewer: Actor,
  filter: { incidentId?: number; cursor?: string; limit?: number },
  now: Date = clockNow(),
): Promise<{ items: NotificationLogDto[]; nextCursor?: string }> {
  const take = Math.min(filter.limit ?? NOTIFICATION_PAGE, NOTIFICATION_PAGE);
  const rows = await prisma.notification.findMany({
    where: filter.incidentId !== undefined ? { incidentId: filter.incidentId } : {},
    include: { deliveries: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
  });
  const reveal = can(viewer.role, "contacts.edit");
  const page = rows.slice(0, take);
  const items = page.map((n): NotificationLogDto => {
    const ok = n.deliveries.find((d) => d.ok);
    return {
      id: n.id,
      incidentId: n.incidentId,
      event: n.event,
      channel: n.channel as ChannelKind,
      to: reveal ? n.target : maskTarget(n.channel, n.target),
      recipient: n.recipient || null,
      ...textsOf(n),
      isDrill: n.isDrill,
      state: deliveryState(n, now),
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
  return { items, ...(rows.length > take ? { nextCursor: page[page.length - 1].id } : {}) };
}
