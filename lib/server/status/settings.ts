import "server-only";
// Status page settings (admin): how often the commander is reminded to post an update, per severity.
import { prisma } from "../db";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { DEFAULT_REMINDERS, type ReminderSettings } from "@/lib/domain/status/updates";
import { SEVERITIES } from "@/lib/domain/severity";

const KEY = "status.reminders";

function parse(value: unknown): ReminderSettings {
  const out = { ...DEFAULT_REMINDERS };
  if (value && typeof value === "object") {
    for (const s of SEVERITIES) {
      const v = (value as Record<string, unknown>)[s];
      if (v === null || (typeof v === "number" && Number.isInteger(v) && v > 0)) out[s] = v;
    }
  }
  return out;
}

export async function reminderSettings(): Promise<ReminderSettings> {
  const row = await prisma.appSetting.findUnique({ where: { key: KEY } });
  return parse(row?.value);
}

export async function saveReminderSettings(actor: Actor, value: ReminderSettings): Promise<ReminderSettings> {
  requirePermission(actor, "settings.manage");
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { key: KEY } });
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value, updatedAt: at }, update: { value, updatedAt: at } });
    await writeAudit(tx, actor, { action: "status.reminders", entity: "setting", entityId: KEY, before: before?.value, after: value, at });
  });
  return parse(value);
}
