import "server-only";
// Admin settings of the feature: the contacts directory the escalation steps and channels resolve to
// (manual 6.1/6.3), and the business hours that hold P3 notifications (manual 3.2). Audited.
import { prisma } from "../db";
import { writeAuditedSetting } from "../app-settings";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import { now as clockNow } from "../clock";
import { CONTACT_ROLES } from "@/lib/domain/contacts";
import type { BusinessHours } from "@/lib/domain/business-hours";
import type { ContactsInput } from "@/lib/domain/escalation-input";
import { BUSINESS_HOURS_KEY, loadBusinessHours } from "./directory";
import type { ContactDto } from "./dto";
import { toJsonValue } from "../json";

const roleOrder = (role: string) => {
  const i = (CONTACT_ROLES as readonly string[]).indexOf(role);
  return i === -1 ? CONTACT_ROLES.length : i;
};

export async function listContacts(actor: Actor): Promise<ContactDto[]> {
  requirePermission(actor, "contacts.edit");
  return sortedContacts();
}

async function sortedContacts(): Promise<ContactDto[]> {
  const rows = await prisma.contact.findMany({ orderBy: { id: "asc" } });
  return rows
    .map((c) => ({ id: c.id, role: c.role, name: c.name, phone: c.phone, email: c.email, slackHandle: c.slackHandle }))
    .sort((a, b) => roleOrder(a.role) - roleOrder(b.role));
}

/** Replaces the directory with the editor's list: ids kept are updated, new entries created, the rest removed. */
export async function replaceContacts(actor: Actor, input: ContactsInput): Promise<ContactDto[]> {
  requirePermission(actor, "contacts.edit");
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    const before = await tx.contact.findMany();
    const known = new Set(before.map((c) => c.id));
    const unknown = input.contacts.findIndex((c) => c.id !== undefined && !known.has(c.id));
    if (unknown !== -1) {
      const message = "This contact was removed by someone else meanwhile; reload the page.";
      throw new AppError("conflict", message, { [`contacts.${unknown}.id`]: message });
    }
    const kept = new Set(input.contacts.flatMap((c) => (c.id ? [c.id] : [])));
    await tx.contact.deleteMany({ where: { id: { notIn: [...kept] } } });
    for (const c of input.contacts) {
      const data = { role: c.role, name: c.name, phone: c.phone, email: c.email, slackHandle: c.slackHandle };
      if (c.id) await tx.contact.update({ where: { id: c.id }, data });
      else await tx.contact.create({ data });
    }
    const after = await tx.contact.findMany();
    const strip = (list: typeof before) => list.map(({ updatedAt: _u, ...rest }) => rest);
    await writeAudit(tx, actor, {
      action: "contacts.replace",
      entity: "contacts",
      entityId: "directory",
      before: strip(before),
      after: strip(after),
      at,
    });
  });
  return sortedContacts();
}

export async function getBusinessHours(): Promise<BusinessHours> {
  return loadBusinessHours();
}

export async function setBusinessHours(actor: Actor, hours: BusinessHours): Promise<BusinessHours> {
  requirePermission(actor, "settings.manage"); // Settings are admins' (there is no separate edit permission)
  await writeAuditedSetting(actor, BUSINESS_HOURS_KEY, toJsonValue(hours), "settings.businessHours");
  return loadBusinessHours();
}
