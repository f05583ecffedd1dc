import "server-only";
// Handoff notifications: when a shift starts, the incoming person hears it through the outbox (email, and a Slack
// mention in #monitoring when they have a Slack id). Each tick looks at the shifts that started since the last
// checkpoint; the idempotency key (schedule, person, start, channel) makes a handoff go out once, whichever
// instance sees it first and however often a tick is repeated.
import { prisma } from "../db";
import { isUniqueViolation } from "../db-errors";
import { writeOutbox, type OutboxEntry } from "../escalations/outbox";
import { loadOnCallResolver, type OnCallResolver } from "./resolver";
import { SEVERITY_CHANNELS } from "@/lib/domain/escalation-matrix";

/** Handoffs are routine: they go where P3 news goes (#monitoring), never to #emergency. */
const MONITORING_CHANNEL = SEVERITY_CHANNELS.P3.routes.find((r) => r.kind === "slack")?.target ?? "#monitoring";
import { contactRoleName } from "@/lib/i18n/labels";
import type { Delivery } from "@/lib/domain/notification-plan";

const CHECKPOINT_KEY = "oncall.handoffCheckedAt";
/** After downtime, handoffs older than this are not announced any more: the shift is well under way. */
const MAX_LOOKBACK_MS = 60 * 60_000;

/** When the person's time on call ends: covering a deactivated member's slot and then their own is one stretch. */
function untilOf(resolver: OnCallResolver, role: string, userId: string, start: Date): string | null {
  let until = resolver.at(role, start).until;
  for (let guard = 0; until && guard < 8 && resolver.at(role, until).user?.id === userId; guard++) until = resolver.at(role, until).until;
  return until?.toISOString() ?? null;
}

export async function runHandoffTick(now: Date): Promise<{ announced: number }> {
  const row = await prisma.appSetting.findUnique({ where: { key: CHECKPOINT_KEY } });
  const saved = row && typeof row.value === "string" ? Date.parse(row.value) : NaN;
  const since = new Date(Math.max(Number.isFinite(saved) ? saved : now.getTime(), now.getTime() - MAX_LOOKBACK_MS));
  let announced = 0;
  const entries: OutboxEntry[] = [];
  if (since < now) {
    const resolver = await loadOnCallResolver(since, now);
    const incoming: { role: string; userId: string; name: string; start: string; until: string | null }[] = [];
    for (const role of resolver.roles) {
      // One minute back: a shift that started exactly at the checkpoint was announced by the previous tick.
      const shifts = resolver.shifts(role, new Date(since.getTime() - 60_000), now);
      for (let i = 1; i < shifts.length; i++) {
        const shift = shifts[i];
        const start = Date.parse(shift.start);
        if (!shift.user || start <= since.getTime() || start > now.getTime() || shifts[i - 1].user?.id === shift.user.id) continue;
        incoming.push({
          role,
          userId: shift.user.id,
          name: shift.user.name,
          start: shift.start,
          until: untilOf(resolver, role, shift.user.id, new Date(start)),
        });
      }
    }
    if (incoming.length > 0) {
      const people = new Map(
        (await prisma.user.findMany({ where: { id: { in: incoming.map((h) => h.userId) } }, select: { id: true, email: true } })).map(
          (u) => [u.id, u.email],
        ),
      );
      const slack = new Map(
        (await prisma.userPagingContact.findMany({ where: { userId: { in: incoming.map((h) => h.userId) } } })).map((c) => [
          c.userId,
          c.slackHandle,
        ]),
      );
      for (const h of incoming) entries.push(...handoffDeliveries(h, people.get(h.userId) ?? "", slack.get(h.userId) ?? ""));
    }
  }
  // The first tick only sets the checkpoint: shifts that started before the app ran are not news.
  try {
    announced = await prisma.$transaction(async (tx) => {
      const written = await writeOutbox(tx, entries, now);
      await tx.appSetting.upsert({
        where: { key: CHECKPOINT_KEY },
        update: { value: now.toISOString(), updatedAt: now },
        create: { key: CHECKPOINT_KEY, value: now.toISOString(), updatedAt: now },
      });
      return written;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // another instance wrote the same handoffs first
  }
  return { announced };
}

function handoffDeliveries(
  h: { role: string; userId: string; name: string; start: string; until: string | null },
  email: string,
  slackHandle: string,
): OutboxEntry[] {
  const role = contactRoleName(h.role);
  const key = `handoff:${h.role}:${h.userId}:${h.start}`;
  const until = h.until ? { ko: ` (${h.until}까지)`, en: ` (until ${h.until})` } : { ko: "", en: "" };
  const base: Omit<Delivery, "idempotencyKey" | "channel" | "to" | "mentions"> = {
    incidentId: "",
    event: "handoff",
    recipient: { role: h.role, name: h.name },
    severity: "P3",
    subject: { ko: `[온콜 교대] ${role.ko} 온콜 근무 시작`, en: `[On-call handoff] You are now the ${role.en}` },
    message: {
      ko: `${h.name}님, 지금부터 ${role.ko} 온콜입니다${until.ko}.`,
      en: `${h.name}, you are on call as ${role.en} from now${until.en}.`,
    },
    notBefore: null,
  };
  const entries: OutboxEntry[] = [];
  if (email)
    entries.push({
      incidentId: null,
      isDrill: false,
      delivery: { ...base, idempotencyKey: `${key}:email`, channel: "email", to: email, mentions: [] },
    });
  if (slackHandle)
    entries.push({
      incidentId: null,
      isDrill: false,
      delivery: { ...base, idempotencyKey: `${key}:slack`, channel: "slack", to: MONITORING_CHANNEL, mentions: [slackHandle] },
    });
  return entries;
}
