import "server-only";
// The contacts directory and business hours as the notification planner needs them.
import { prisma } from "../db";
import type { ContactEntry } from "@/lib/domain/notification-plan";
import type { BusinessHours } from "@/lib/domain/business-hours";
import { businessHoursOrDefault } from "@/lib/domain/escalation-input";

export const BUSINESS_HOURS_KEY = "escalations.businessHours";

export async function loadContacts(): Promise<ContactEntry[]> {
  const rows = await prisma.contact.findMany({ orderBy: [{ role: "asc" }, { id: "asc" }] });
  return rows.map((c) => ({ role: c.role, name: c.name, phone: c.phone, email: c.email, slackHandle: c.slackHandle }));
}

/** Admin-configured business hours (Settings), else the manual's default: Asia/Seoul 09:00–18:00 weekdays. */
export async function loadBusinessHours(): Promise<BusinessHours> {
  const row = await prisma.appSetting.findUnique({ where: { key: BUSINESS_HOURS_KEY } });
  return businessHoursOrDefault(row?.value);
}

/** Both, for planning a batch of notifications. */
export async function loadDirectory(): Promise<{ contacts: ContactEntry[]; businessHours: BusinessHours }> {
  const [contacts, businessHours] = await Promise.all([loadContacts(), loadBusinessHours()]);
  return { contacts, businessHours };
}
