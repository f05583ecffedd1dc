import "server-only";
// The admin setting "open an incident automatically when a P0–P2 rule fires" (AppSetting
// "alerts.autoOpen"). Until an admin sets it, ALERTS_AUTO_OPEN decides (default: one click).
import { prisma } from "../db";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { alertsConfig } from "./config";
import { ALERTS_TOPIC } from "./topics";

export const AUTO_OPEN_KEY = "alerts.autoOpen";

export interface AlertSettings {
  autoOpen: boolean;
  /** "setting" when an admin chose it, "default" when it comes from ALERTS_AUTO_OPEN */
  autoOpenFrom: "setting" | "default";
}

function readFlag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value && typeof value === "object" && "enabled" in value && typeof value.enabled === "boolean") return value.enabled;
  return null;
}

export async function getAlertSettings(): Promise<AlertSettings> {
  const row = await prisma.appSetting.findUnique({ where: { key: AUTO_OPEN_KEY } });
  const stored = row ? readFlag(row.value) : null;
  return stored === null ? { autoOpen: alertsConfig().autoOpenDefault, autoOpenFrom: "default" } : { autoOpen: stored, autoOpenFrom: "setting" };
}

export async function setAutoOpen(actor: Actor, enabled: boolean): Promise<AlertSettings> {
  requirePermission(actor, "settings.manage"); // settings are admins'; there is no separate edit permission
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { key: AUTO_OPEN_KEY } });
    const value = { enabled };
    await tx.appSetting.upsert({ where: { key: AUTO_OPEN_KEY }, update: { value, updatedAt: at }, create: { key: AUTO_OPEN_KEY, value, updatedAt: at } });
    await writeAudit(tx, actor, { action: "settings.alertsAutoOpen", entity: "appSetting", entityId: AUTO_OPEN_KEY, before: before?.value ?? null, after: value, at });
  });
  await publish(ALERTS_TOPIC).catch(() => undefined);
  return getAlertSettings();
}
