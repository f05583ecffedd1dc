import "server-only";
import { prisma } from "../db";
import { now } from "../clock";
import { writeAudit } from "../audit";
import type { Actor } from "../actor";
import type { PagingContactInput } from "@/lib/domain/oncall/paging-contact";

export async function getPagingContact(userId: string): Promise<PagingContactInput> {
  const row = await prisma.userPagingContact.findUnique({ where: { userId } });
  return { phone: row?.phone ?? "", slackHandle: row?.slackHandle ?? "" };
}

export async function setPagingContact(actor: Actor, userId: string, input: PagingContactInput): Promise<PagingContactInput> {
  const at = now();
  return prisma.$transaction(async (tx) => {
    const before = await tx.userPagingContact.findUnique({ where: { userId } });
    const row = await tx.userPagingContact.upsert({
      where: { userId },
      update: { ...input, updatedAt: at },
      create: { userId, ...input, updatedAt: at },
    });
    await writeAudit(tx, actor, {
      action: "paging-contact.update",
      entity: "user",
      entityId: userId,
      before: before ? { phone: before.phone, slackHandle: before.slackHandle } : undefined,
      after: input,
      at,
    });
    return { phone: row.phone, slackHandle: row.slackHandle };
  });
}
