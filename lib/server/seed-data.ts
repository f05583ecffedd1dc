// Seeding shared by prisma/seed.mts, the test setup and the admin bootstrap at start.
// Idempotent: running it again changes nothing that people edited (contacts) and keeps ids stable.
import bcrypt from "bcryptjs";
import type { DB } from "./prisma-client";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/domain/demo-users";
import { CONTACT_ROLES } from "@/lib/domain/contacts";

export async function seedDemoUsers(db: DB, password = DEMO_PASSWORD) {
  const passwordHash = await bcrypt.hash(password, 10);
  for (const user of DEMO_USERS) {
    await db.user.upsert({ where: { email: user.email }, update: {}, create: { ...user, passwordHash } });
  }
}

/** One placeholder entry per directory role (manual 6.1/6.3 leave "[연락처]" blanks); admins fill them in Settings. */
export async function seedContacts(db: DB) {
  for (const role of CONTACT_ROLES) {
    const existing = await db.contact.findFirst({ where: { role } });
    if (!existing) await db.contact.create({ data: { role, name: "" } });
  }
}

/** ADMIN_EMAIL/ADMIN_PASSWORD at start: create or update that admin (first-deploy bootstrap). */
export async function bootstrapAdmin(db: DB, email: string, password: string) {
  const normalized = email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email: normalized } });
  // A changed password ends the admin's open sessions; an unchanged one keeps them (and the stored hash).
  const changed = !existing?.passwordHash || !(await bcrypt.compare(password, existing.passwordHash));
  const passwordHash = changed ? await bcrypt.hash(password, 10) : existing!.passwordHash!;
  await db.user.upsert({
    where: { email: normalized },
    update: { passwordHash, role: "admin", active: true, ...(changed && existing ? { sessionVersion: { increment: 1 } } : {}) },
    create: { email: normalized, name: "Administrator", role: "admin", passwordHash },
  });
}
