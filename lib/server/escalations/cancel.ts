import "server-only";
// An acknowledgement stops the step's pages still waiting for a personal rule's delay (or business hours), for
// everybody the step paged: in the acknowledgement's transaction they become "cancelled", and the deliverer, which
// only claims pending rows, checks its claims once more so a page claimed while the acknowledgement commits is not sent.
import type { DB } from "../db";
import type { Notification } from "@/lib/generated/prisma/client";
import { stepKeyOf } from "./outbox";

/** In the acknowledgement's transaction; returns how many pages were cancelled. */
export async function cancelWaitingPages(tx: Pick<DB, "notification">, incidentId: number, stepKey: string, at: Date): Promise<number> {
  const waiting = await tx.notification.findMany({
    where: { incidentId, event: "escalation", status: "pending", notBefore: { gt: at } },
    select: { id: true, payload: true },
  });
  const ids = waiting.filter((row) => stepKeyOf(row) === stepKey).map((row) => row.id);
  if (ids.length === 0) return 0;
  const done = await tx.notification.updateMany({ where: { id: { in: ids }, status: "pending" }, data: { status: "cancelled" } });
  return done.count;
}

/**
 * Of the rows a deliverer just claimed, the delayed escalation pages whose step was acknowledged before they came
 * due (the acknowledgement's own cancel missed them: another instance's clock, or the claim won the race) are
 * cancelled under our claim; the rest are returned to be sent.
 */
export async function dropAcknowledged(
  db: Pick<DB, "notification" | "escalationFiring">,
  claimed: Notification[],
  claim: { claimedBy: string; claimedAt: Date },
): Promise<Notification[]> {
  const delayed = claimed.filter((row) => row.event === "escalation" && row.notBefore && row.incidentId !== null && stepKeyOf(row));
  if (delayed.length === 0) return claimed;
  const acked = await db.escalationFiring.findMany({
    where: {
      acknowledgedAt: { not: null },
      OR: delayed.map((row) => ({ incidentId: row.incidentId!, fireKey: stepKeyOf(row)! })),
    },
    select: { incidentId: true, fireKey: true, acknowledgedAt: true },
  });
  if (acked.length === 0) return claimed;
  const ackedAt = new Map(acked.map((f) => [`${f.incidentId}|${f.fireKey}`, f.acknowledgedAt!]));
  const stop = delayed.filter((row) => {
    const at = ackedAt.get(`${row.incidentId}|${stepKeyOf(row)}`);
    return at !== undefined && row.notBefore! > at;
  });
  if (stop.length === 0) return claimed;
  await db.notification.updateMany({
    where: { id: { in: stop.map((row) => row.id) }, ...claim },
    data: { status: "cancelled", claimedBy: null, claimedAt: null },
  });
  const stopped = new Set(stop.map((row) => row.id));
  return claimed.filter((row) => !stopped.has(row.id));
}
