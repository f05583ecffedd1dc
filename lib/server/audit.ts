import "server-only";
// Audit log rows: who did what, when, with the values before and after.
import type { Actor } from "./actor";
import type { DB } from "./db";
import { toJsonValue } from "./json";

type Tx = Pick<DB, "auditLog">;

export async function writeAudit(
  tx: Tx,
  actor: Actor,
  entry: { action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown; at: Date },
) {
  await tx.auditLog.create({
    data: {
      actorId: actor.userId ?? actor.tokenId,
      actorLabel: actor.label,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: entry.before === undefined ? undefined : toJson(entry.before),
      after: entry.after === undefined ? undefined : toJson(entry.after),
      createdAt: entry.at,
    },
  });
}

const toJson = toJsonValue;
