import "server-only";
// The read side of the incident outbox: drives the features that react to incident changes from the
// IncidentOutbox rows written in the change's transaction (record.ts), never from the request that made
// the change. Runs in every app instance (start.ts), and right after a commit for the rows just written
// (kick.ts); the database arbitrates:
//   1. claim    UPDATE … SET claimedBy = me, claimedAt = now WHERE processedAt IS NULL AND (claimedAt IS NULL
//               OR claimedAt < now − lease) RETURNING: the rows returned are ours; a claim that never
//               completes (instance killed) expires and the row is taken again. The rows of this instance's
//               own commits are written claimed by it (record.ts), so right after the commit there is nothing
//               to claim;
//   2. handle   each handler is idempotent (drill milestones are written WHERE <milestone> IS NULL, a
//               wake-up or a change-bus message twice is harmless), so a row handled twice changes nothing;
//   3. done     processedAt is set, fenced by our claim. A handler that fails leaves the row unprocessed,
//               records the error and retries it with backoff.
// The notifications an event causes are not sent from here: they were written with the change and the
// outbox deliverer (escalations/deliverer.ts) sends them, so a page never depends on this dispatcher.
import { prisma } from "../db";
import { onPostgres, timeText } from "../sql-rows";
import { publish } from "../change-bus";
import type { IncidentEvent } from "../incident-events";
import { INCIDENTS_TOPIC, incidentRoomChange } from "@/lib/domain/live-topics";
import { onIncidentEventsForEscalation } from "../escalations/hooks";
import { onIncidentEventsForDrills } from "../alerts/hooks";
import { onIncidentEventsForStatusPage } from "../status/handlers";
import type { IncidentOutbox } from "@/lib/generated/prisma/client";
import type { RecordedEvents } from "./record";
import { isSeverity } from "@/lib/domain/severity";
import { isStatus } from "@/lib/domain/status";

/**
 * Far longer than the handlers take (in-process work and a NOTIFY: milliseconds); short enough that the events
 * of an instance killed right after its commit (written claimed by it) are handled by another one soon.
 */
export const EVENT_LEASE_MS = 10_000;
const RETRY_BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

export interface IncidentEventHandler {
  name: string;
  handle(events: IncidentEvent[]): Promise<void>;
}

/** Live updates: every open board and room hears of the change (PostgreSQL NOTIFY across instances). */
async function publishChanges(events: IncidentEvent[]): Promise<void> {
  const rooms = new Set<number>();
  let lists = false;
  for (const e of events) {
    rooms.add(e.incidentId);
    if (e.kind !== "note") lists = true;
  }
  // An incident event changes the incident, its timeline and its escalation schedule and nothing else of the
  // room: open rooms take those three from the pushed snapshot (app/api/v1/stream) instead of refetching.
  await publish(...[...rooms].map(incidentRoomChange), ...(lists ? [INCIDENTS_TOPIC] : []));
}

/** In order: the features' own state first, then the pages that show it are told to refresh. */
export const INCIDENT_EVENT_HANDLERS: IncidentEventHandler[] = [
  { name: "drills", handle: onIncidentEventsForDrills },
  { name: "escalations", handle: onIncidentEventsForEscalation },
  { name: "status page", handle: onIncidentEventsForStatusPage },
  { name: "live updates", handle: publishChanges },
];

export interface DispatchOptions {
  /** only these rows; default: every due row */
  ids?: string[];
  /** the rows of this instance's commit, written claimed by it (record.ts): handled without a claim statement */
  preClaimed?: RecordedEvents;
  leaseMs?: number;
  batchSize?: number;
  handlers?: IncidentEventHandler[];
  /** fault-injection seam for tests: runs after rows are claimed, before they are handled */
  afterClaim?: (rows: { id: string; incidentId: number; kind: string }[]) => Promise<void> | void;
}

export interface DispatchResult {
  /** ids of the rows this call handled and marked processed */
  processed: string[];
  failed: { id: string; error: string }[];
}

export function eventOf(row: Pick<IncidentOutbox, "incidentId" | "kind" | "createdAt" | "timelineEventId" | "payload">): IncidentEvent {
  const p = (typeof row.payload === "object" && row.payload !== null ? row.payload : {}) as Record<string, unknown>;
  return {
    incidentId: row.incidentId,
    kind: row.kind as IncidentEvent["kind"],
    at: row.createdAt,
    timelineEventId: row.timelineEventId,
    severity: isSeverity(p.severity) ? p.severity : "P3",
    ...(isSeverity(p.previousSeverity) ? { previousSeverity: p.previousSeverity } : {}),
    status: isStatus(p.status) ? p.status : "investigating",
    ...(isStatus(p.previousStatus) ? { previousStatus: p.previousStatus } : {}),
    isDrill: p.isDrill === true,
    title: typeof p.title === "string" ? p.title : "",
    actorLabel: typeof p.actorLabel === "string" ? p.actorLabel : "",
  };
}

/**
 * processedAt set on the rows still claimed by us at `claimedAt` (fenced); returns the ids it marked. One statement
 * (sql-rows.ts): every declaration's event passes here right after its commit.
 */
async function markProcessed(ids: string[], instanceId: string, claimedAt: Date, now: Date): Promise<string[]> {
  const pg = onPostgres();
  const rows = pg
    ? await prisma.$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "IncidentOutbox" SET "processedAt" = ($1::timestamptz AT TIME ZONE 'UTC'), "processedBy" = $2,
           "attempts" = "attempts" + 1, "lastError" = NULL
         WHERE "id" IN (SELECT jsonb_array_elements_text($3::jsonb)) AND "processedAt" IS NULL
           AND "claimedBy" = $2 AND "claimedAt" = ($4::timestamptz AT TIME ZONE 'UTC')
         RETURNING "id"`,
        timeText(now, pg),
        instanceId,
        JSON.stringify(ids),
        timeText(claimedAt, pg),
      )
    : await prisma.$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "IncidentOutbox" SET "processedAt" = ?, "processedBy" = ?, "attempts" = "attempts" + 1, "lastError" = NULL
         WHERE "id" IN (SELECT value FROM json_each(?)) AND "processedAt" IS NULL AND "claimedBy" = ? AND "claimedAt" = ?
         RETURNING "id"`,
        timeText(now, pg),
        instanceId,
        JSON.stringify(ids),
        instanceId,
        timeText(claimedAt, pg),
      );
  return rows.map((r) => r.id);
}

type ClaimedRow = Pick<IncidentOutbox, "id" | "incidentId" | "kind" | "createdAt" | "timelineEventId" | "payload" | "attempts">;

export async function runIncidentEventTick(now: Date, instanceId: string, options: DispatchOptions = {}): Promise<DispatchResult> {
  const result: DispatchResult = { processed: [], failed: [] };
  if (options.preClaimed) {
    const { rows, claimedBy } = options.preClaimed;
    if (claimedBy !== instanceId || rows.length === 0) return result;
    return handleClaimed(rows, instanceId, now, rows[0].createdAt, options);
  }
  if (options.ids && options.ids.length === 0) return result;
  const leaseMs = options.leaseMs ?? EVENT_LEASE_MS;
  const where = {
    processedAt: null,
    availableAt: { lte: now },
    OR: [{ claimedAt: null }, { claimedAt: { lt: new Date(now.getTime() - leaseMs) } }],
  };
  // (Given ids — the rows of a commit, a handful — are claimed directly; otherwise the oldest due batch.)
  const ids =
    options.ids ??
    (
      await prisma.incidentOutbox.findMany({
        where,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: options.batchSize ?? 100,
        select: { id: true },
      })
    ).map((c) => c.id);
  if (ids.length === 0) return result;
  // 1. One statement claims the batch; the rows it returns are ours (a concurrent instance gets the others).
  const claimed = (
    await prisma.incidentOutbox.updateManyAndReturn({
      where: { id: { in: ids }, ...where },
      data: { claimedBy: instanceId, claimedAt: now },
    })
  ).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  if (claimed.length === 0) return result;
  return handleClaimed(claimed, instanceId, now, now, options);
}

/** Steps 2 and 3 for rows claimed by `instanceId` at `claimedAt`. */
async function handleClaimed(
  claimed: ClaimedRow[],
  instanceId: string,
  now: Date,
  claimedAt: Date,
  options: DispatchOptions,
): Promise<DispatchResult> {
  const result: DispatchResult = { processed: [], failed: [] };
  await options.afterClaim?.(claimed.map((r) => ({ id: r.id, incidentId: r.incidentId, kind: r.kind })));

  // 2. Every handler takes the whole batch (one wake-up, one NOTIFY round trip); if one fails, the rows are
  //    handled one by one so that a single bad row does not hold up the others.
  const handlers = options.handlers ?? INCIDENT_EVENT_HANDLERS;
  const events = claimed.map(eventOf);
  const failures = new Map<string, string>();
  for (const handler of handlers) {
    const pending = claimed.map((row, i) => ({ row, event: events[i] })).filter(({ row }) => !failures.has(row.id));
    if (pending.length === 0) break;
    try {
      await handler.handle(pending.map((p) => p.event));
    } catch {
      for (const { row, event } of pending) {
        try {
          await handler.handle([event]);
        } catch (error) {
          failures.set(row.id, `${handler.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }

  // 3. Done, fenced by our claim (a row whose lease ran out meanwhile belongs to another instance now; its
  //    handlers are idempotent, so it being handled twice is harmless).
  const ours = { claimedBy: instanceId, claimedAt };
  const doneIds = claimed.filter((r) => !failures.has(r.id)).map((r) => r.id);
  if (doneIds.length > 0) result.processed.push(...(await markProcessed(doneIds, instanceId, claimedAt, now)));
  for (const row of claimed) {
    const error = failures.get(row.id);
    if (error === undefined) continue;
    const backoff = RETRY_BACKOFF_MS[Math.min(row.attempts, RETRY_BACKOFF_MS.length - 1)];
    await prisma.incidentOutbox.updateMany({
      where: { id: row.id, processedAt: null, ...ours },
      data: {
        attempts: { increment: 1 },
        lastError: error.slice(0, 2_000),
        availableAt: new Date(now.getTime() + backoff),
        claimedBy: null,
        claimedAt: null,
      },
    });
    result.failed.push({ id: row.id, error });
    console.error(
      `[incident-events] ${row.kind} event of incident ${row.incidentId} not handled (retried in ${backoff / 1000} s): ${error}`,
    );
  }
  return result;
}
