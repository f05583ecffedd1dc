import "server-only";
// Audit log rows: who did what, when, with the values before and after. Written in the transaction of the change
// they record, with one statement (sql-rows.ts): every change writes one, so it is on every change's hot path.
import type { Actor } from "./actor";
import { insertRows, newRowId, type RowDb } from "./sql-rows";
import { toJsonValue } from "./json";

export interface AuditRowInput {
  actorId?: string | null;
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

const AUDIT_COLUMNS = [
  ["id", "text"],
  ["actorId", "text"],
  ["actorLabel", "text"],
  ["action", "text"],
  ["entity", "text"],
  ["entityId", "text"],
  ["before", "json"],
  ["after", "json"],
  ["createdAt", "time"],
] as const;

/** Audit rows in one statement (a machine's, e.g. a 5,000-alert group's, have no actor id). */
export async function insertAuditRows(db: RowDb, rows: readonly AuditRowInput[]): Promise<void> {
  await insertRows(
    db,
    "AuditLog",
    AUDIT_COLUMNS,
    rows.map((r) => [
      newRowId(),
      r.actorId ?? null,
      r.actorLabel,
      r.action,
      r.entity,
      r.entityId,
      // as Prisma stores a Json value: plain JSON (dates as ISO strings, undefined dropped)
      r.before === undefined ? null : (toJsonValue(r.before) as Record<string, unknown>),
      r.after === undefined ? null : (toJsonValue(r.after) as Record<string, unknown>),
      r.createdAt,
    ]),
  );
}

export async function writeAudit(
  db: RowDb,
  actor: Actor,
  entry: { action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown; at: Date },
) {
  await insertAuditRows(db, [
    {
      actorId: actor.userId ?? actor.tokenId,
      actorLabel: actor.label,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: entry.before,
      after: entry.after,
      createdAt: entry.at,
    },
  ]);
}
