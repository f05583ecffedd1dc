import "server-only";
// The contacts directory and business hours as the notification planner needs them.
import { prisma, type DB } from "../db";
import type { ContactEntry } from "@/lib/domain/notification-plan";
import type { BusinessHours } from "@/lib/domain/business-hours";
import { businessHoursOrDefault } from "@/lib/domain/escalation-input";
import { withOnCall, type OnCallDirectoryDb } from "../oncall/directory";
import { loadRuleSets } from "../reach/notification-rules";

/** The client or a transaction (the incident outbox plans notifications inside the change's transaction). */
export type DirectoryDb = Pick<DB, "contact" | "appSetting" | "pushSubscription" | "notificationRule"> & OnCallDirectoryDb;

export const BUSINESS_HOURS_KEY = "escalations.businessHours";

export async function loadContacts(db: DirectoryDb = prisma): Promise<ContactEntry[]> {
  const rows = await db.contact.findMany({ orderBy: [{ role: "asc" }, { id: "asc" }] });
  return rows.map((c) => ({ role: c.role, name: c.name, phone: c.phone, email: c.email, slackHandle: c.slackHandle }));
}

/** Admin-configured business hours (Settings), else the manual's default: Asia/Seoul 09:00–18:00 weekdays. */
export async function loadBusinessHours(db: DirectoryDb = prisma): Promise<BusinessHours> {
  const row = await db.appSetting.findUnique({ where: { key: BUSINESS_HOURS_KEY } });
  return businessHoursOrDefault(row?.value);
}

/** Both, for planning a batch of notifications at `at`: a scheduled role resolves to whoever is on call then. */
export async function loadDirectory(
  db: DirectoryDb = prisma,
  at: Date,
): Promise<{ contacts: ContactEntry[]; businessHours: BusinessHours }> {
  // one after the other: inside a transaction the queries share one connection anyway
  const contacts = await withPersonalReach(db, await withOnCall(db, await loadContacts(db), at));
  const businessHours = await loadBusinessHours(db);
  return { contacts, businessHours };
}

/** Each app user's push devices (a push step goes to every one) and own notification rules. */
async function withPersonalReach(db: DirectoryDb, contacts: ContactEntry[]): Promise<ContactEntry[]> {
  const userIds = [...new Set(contacts.map((c) => c.userId).filter((id): id is string => Boolean(id)))];
  if (userIds.length === 0) return contacts;
  const devices = await db.pushSubscription.findMany({
    where: { userId: { in: userIds } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, userId: true },
  });
  const rules = await loadRuleSets(db, userIds);
  return contacts.map((c) =>
    c.userId ? { ...c, pushDevices: devices.filter((d) => d.userId === c.userId).map((d) => d.id), rules: rules.get(c.userId) ?? {} } : c,
  );
}
