import "server-only";
// Admin settings stored as AppSetting rows: each change is written together with its audit row, so the log
// never misses a change and never claims one that did not happen.
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { now as clockNow } from "./clock";
import { prisma } from "./db";

export async function writeAuditedSetting(actor: Actor, key: string, value: Prisma.InputJsonValue, auditAction: string): Promise<void> {
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { key } });
    await tx.appSetting.upsert({ where: { key }, update: { value, updatedAt: at }, create: { key, value, updatedAt: at } });
    await writeAudit(tx, actor, {
      action: auditAction,
      entity: "appSetting",
      entityId: key,
      before: before?.value ?? null,
      after: value,
      at,
    });
  });
}
