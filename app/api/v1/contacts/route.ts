import { apiRoute } from "@/lib/server/api";
import { contactsInput } from "@/lib/domain/escalation-input";
import { listContacts, replaceContacts } from "@/lib/server/escalations/settings";

/** The contacts directory (admins): who each escalation role and channel reaches. */
export const GET = apiRoute({ permission: "contacts.edit" }, async ({ actor }) => ({ items: await listContacts(actor) }));

/** Replaces the directory with the list sent (entries with an id are updated, without one created, others removed). */
export const PUT = apiRoute({ permission: "contacts.edit", body: contactsInput }, async ({ actor, body }) => ({
  items: await replaceContacts(actor, body),
}));
