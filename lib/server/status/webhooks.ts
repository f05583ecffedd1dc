import "server-only";
// Outgoing webhooks for published updates (admin). The signing secret is shown once, when created.
import { randomBytes } from "node:crypto";
import { prisma } from "../db";
import { notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";

export async function listWebhooks(actor: Actor) {
  requirePermission(actor, "settings.manage");
  const rows = await prisma.statusWebhook.findMany({ where: { revokedAt: null }, orderBy: { createdAt: "asc" } });
  return rows.map((w) => ({ id: w.id, url: w.url, createdAt: w.createdAt.toISOString() }));
}

export async function createWebhook(actor: Actor, url: string) {
  requirePermission(actor, "settings.manage");
  const at = clockNow();
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const row = await prisma.$transaction(async (tx) => {
    const w = await tx.statusWebhook.create({ data: { url, secret, createdAt: at } });
    await writeAudit(tx, actor, { action: "status.webhook.create", entity: "statusWebhook", entityId: w.id, after: { url }, at });
    return w;
  });
  return { id: row.id, url: row.url, secret, createdAt: row.createdAt.toISOString() };
}

export async function revokeWebhook(actor: Actor, id: string) {
  requirePermission(actor, "settings.manage");
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    const r = await tx.statusWebhook.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    if (r.count === 0) throw notFound("Webhook");
    await writeAudit(tx, actor, { action: "status.webhook.revoke", entity: "statusWebhook", entityId: id, at });
  });
}
