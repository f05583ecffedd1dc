import "server-only";
// The admin setting "open an incident automatically when a P0–P2 rule fires" (AppSetting
// "alerts.autoOpen"). Until an admin sets it, ALERTS_AUTO_OPEN decides (default: one click).
import { prisma } from "../db";
import { requirePermission, type Actor } from "../actor";
import { writeAuditedSetting } from "../app-settings";
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
  return stored === null
    ? { autoOpen: alertsConfig().autoOpenDefault, autoOpenFrom: "default" }
    : { autoOpen: stored, autoOpenFrom: "setting" };
}

export async function setAutoOpen(actor: Actor, enabled: boolean): Promise<AlertSettings> {
  requirePermission(actor, "settings.manage"); // settings are admins'; there is no separate edit permission
  await writeAuditedSetting(actor, AUTO_OPEN_KEY, { enabled }, "settings.alertsAutoOpen");
  await publish(ALERTS_TOPIC);
  return getAlertSettings();
}
