import "server-only";
// The outbox deliverer: claims due Notification rows atomically (pending or abandoned "sending", next
// attempt due, not held for business hours), sends each through lib/notify, records every attempt, and
// applies the retry policy (lib/domain/notification-plan afterAttempt): retry with backoff, or give up
// as "failed" — which the incident's timeline and the escalations board show; nothing is dropped.
// A claim carries a lease: when an instance dies holding one, another takes the row over after the lease.
import { prisma } from "../db";
import { publish } from "../change-bus";
import type { Notification } from "@/lib/generated/prisma/client";
import { afterAttempt, type AttemptDecision, type SendResult } from "@/lib/domain/notification-plan";
import type { NotifyRouter } from "@/lib/notify";
import { deliveryOf } from "./outbox";
import { dropAcknowledged } from "./cancel";
import { isStatusChannel, sendStatusMessage } from "../status/deliver";
import { ESCALATIONS_TOPIC, incidentRoomChange } from "./topics";

/** Longer than the slowest adapter can take (HTTP 10 s; SMTP connect 10 s + greeting 10 s + socket 30 s). */
export const DELIVERY_LEASE_MS = 90_000;
const OUTBOX_ACTOR = "Notification outbox";

export interface DeliveryTickOptions {
  router: NotifyRouter;
  leaseMs?: number;
  /** rows claimed per tick */
  batchSize?: number;
  /** sends in flight at once, so one slow provider does not hold up the others */
  concurrency?: number;
  /** fault-injection seam for tests: runs after a row is claimed, before it is sent */
  afterClaim?: (notification: Notification) => Promise<void> | void;
}

export interface DeliveryTickResult {
  attempted: number;
  sent: number;
  retrying: number;
  failed: number;
}

const CHANNEL_LABEL: Record<string, string> = { slack: "Slack", sms: "SMS", phone: "Phone call", email: "Email", push: "Push" };

function dueWhere(now: Date, leaseMs: number) {
  return {
    status: { in: ["pending", "sending"] },
    nextAttemptAt: { lte: now },
    AND: [
      { OR: [{ notBefore: null }, { notBefore: { lte: now } }] },
      { OR: [{ claimedAt: null }, { claimedAt: { lt: new Date(now.getTime() - leaseMs) } }] },
    ],
  };
}

export async function runDeliveryTick(now: Date, instanceId: string, options: DeliveryTickOptions): Promise<DeliveryTickResult> {
  const tickStarted = performance.now();
  const leaseMs = options.leaseMs ?? DELIVERY_LEASE_MS;
  const where = dueWhere(now, leaseMs);
  const candidates = await prisma.notification.findMany({
    where,
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: options.batchSize ?? 100,
    select: { id: true },
  });
  const result: DeliveryTickResult = { attempted: 0, sent: 0, retrying: 0, failed: 0 };
  if (candidates.length === 0) return result;
  // One statement claims the batch; the rows it returns are ours (a concurrent instance gets the others).
  // (a page whose step was acknowledged before it came due is cancelled instead: cancel.ts)
  const claimed = await dropAcknowledged(
    prisma,
    await prisma.notification.updateManyAndReturn({
      where: { id: { in: candidates.map((c) => c.id) }, ...where },
      data: { status: "sending", claimedBy: instanceId, claimedAt: now },
    }),
    { claimedBy: instanceId, claimedAt: now },
  );
  for (const row of claimed) await options.afterClaim?.(row);
  const touched = new Set<number>();

  // Waves of `concurrency` sends in parallel, each wave recorded in one transaction.
  const wave = options.concurrency ?? 16;
  for (let i = 0; i < claimed.length; i += wave) {
    const sent = await Promise.all(claimed.slice(i, i + wave).map((row) => send(row, options.router)));
    // The retry schedule counts from the tick's clock (deterministic under a test clock); the attempt's own
    // time is that clock plus the real time the tick has run, so recorded times say when it really happened.
    const at = new Date(now.getTime() + Math.round(performance.now() - tickStarted));
    let decisions: AttemptDecision[];
    try {
      decisions = await record(sent, instanceId, now, at);
    } catch (error) {
      // Not recorded: the claims stay until the lease ends, then the messages are sent again. Rare (the
      // database failed just now) and logged; a missed page would be worse than a repeated one.
      console.error(`[escalations] ${sent.length} delivery results could not be recorded`, error);
      continue;
    }
    sent.forEach(({ row }, j) => {
      result.attempted++;
      result[decisions[j].state === "retry" ? "retrying" : decisions[j].state]++;
      if (row.incidentId !== null) touched.add(row.incidentId);
    });
  }
  if (touched.size > 0) await publish(ESCALATIONS_TOPIC, ...[...touched].map(incidentRoomChange));
  return result;
}

interface Sent {
  row: Notification;
  result: SendResult;
  providerId: string | null;
  durationMs: number;
}

async function send(row: Notification, router: NotifyRouter): Promise<Sent> {
  // the status page's subscriber email and webhooks (lib/server/status/deliver.ts); drills never publish
  if (isStatusChannel(row.channel) && !row.isDrill) {
    const started = performance.now();
    const { kind, result } = await sendStatusMessage(row);
    return {
      row,
      result,
      providerId: result.ok ? tagProvider(kind, result.providerId) : null,
      durationMs: Math.round(performance.now() - started),
    };
  }
  const delivery = deliveryOf(row);
  // Drills never leave the building: they are recorded in the in-app outbox only.
  const notifier = row.isDrill ? router.outbox : router.notifierFor(delivery);
  const started = performance.now();
  let result: SendResult;
  try {
    result = await notifier.send(delivery);
  } catch (error) {
    result = {
      ok: false,
      retryable: true,
      error: `the ${notifier.kind} adapter threw: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return {
    row,
    result,
    providerId: result.ok ? tagProvider(notifier.kind, result.providerId) : null,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * Applies the retry policy to each result and records it, fenced by our claim (a row whose lease ran out
 * meanwhile belongs to another instance now); returns the decisions. The successes — nearly all rows —
 * are recorded with one statement.
 */
async function record(sent: Sent[], instanceId: string, now: Date, at: Date): Promise<AttemptDecision[]> {
  const decisions = sent.map((s) => afterAttempt(s.result, s.row.attempts + 1, now));
  const ours = { claimedBy: instanceId, claimedAt: now };
  const release = { claimedBy: null, claimedAt: null, attempts: { increment: 1 } };
  return prisma.$transaction(
    async (tx) => {
      const sentIds = sent.filter((_, i) => decisions[i].state === "sent").map((s) => s.row.id);
      if (sentIds.length > 0) {
        await tx.notification.updateMany({
          where: { id: { in: sentIds }, ...ours },
          data: { status: "sent", sentAt: at, lastError: null, ...release },
        });
      }
      for (const [i, s] of sent.entries()) {
        const decision = decisions[i];
        if (decision.state === "sent") continue;
        const fenced = await tx.notification.updateMany({
          where: { id: s.row.id, ...ours },
          data: { ...statusUpdate(decision), ...release },
        });
        if (fenced.count === 1 && decision.state === "failed" && s.row.incidentId !== null) {
          await tx.timelineEvent.create({ data: failureEvent(s.row, s.row.attempts + 1, decision.error, at) });
        }
      }
      // Every attempt happened, so each is recorded, even one whose lease ran out meanwhile.
      await tx.notificationAttempt.createMany({
        data: sent.map((s) => ({
          notificationId: s.row.id,
          at,
          ok: s.result.ok,
          error: s.result.ok ? null : s.result.error,
          providerId: s.providerId,
          durationMs: s.durationMs,
        })),
      });
      return decisions;
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

function failureEvent(row: Notification, attempts: number, error: string, at: Date) {
  const to = row.channel === "slack" ? row.target : row.recipient || row.target;
  return {
    incidentId: row.incidentId!,
    kind: "notification-failed",
    actorId: null,
    actorName: OUTBOX_ACTOR,
    message: `${CHANNEL_LABEL[row.channel] ?? row.channel} to ${to} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${error}`,
    data: { notificationId: row.id, channel: row.channel, event: row.event, attempts, error },
    createdAt: at,
  };
}

function statusUpdate(decision: Exclude<AttemptDecision, { state: "sent" }>) {
  return decision.state === "retry"
    ? { status: "pending", nextAttemptAt: decision.nextAttemptAt, lastError: decision.error }
    : { status: "failed", lastError: decision.error };
}

/** "slack", "sms:SM123…", "outbox:<key>": which adapter delivered, and the provider's id when it gave one. */
function tagProvider(kind: string, providerId: string | undefined): string {
  if (!providerId) return kind;
  return providerId.startsWith(`${kind}:`) ? providerId : `${kind}:${providerId}`;
}
