import { describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { prisma } from "@/lib/server/db";
import { bootstrapAdmin, seedContacts } from "@/lib/server/seed-data";
import { CONTACT_ROLES } from "@/lib/domain/contacts";

describe("first-deploy bootstrap", () => {
  it("ADMIN_EMAIL/ADMIN_PASSWORD create that admin, and a later start updates its password and role", async () => {
    await bootstrapAdmin(prisma, "Ops@Shop.example", "first-password-1");
    const created = await prisma.user.findUniqueOrThrow({ where: { email: "ops@shop.example" } });
    expect(created.role).toBe("admin");
    expect(await bcrypt.compare("first-password-1", created.passwordHash!)).toBe(true);

    await prisma.user.update({ where: { id: created.id }, data: { role: "viewer" } });
    await bootstrapAdmin(prisma, "ops@shop.example", "second-password-2");
    const updated = await prisma.user.findUniqueOrThrow({ where: { email: "ops@shop.example" } });
    expect(updated.id).toBe(created.id);
    expect(updated.role).toBe("admin");
    expect(await bcrypt.compare("second-password-2", updated.passwordHash!)).toBe(true);
    expect(await bcrypt.compare("first-password-1", updated.passwordHash!)).toBe(false);
  });

  it("seeding the contacts directory twice keeps one entry per role and what admins typed", async () => {
    const first = await prisma.contact.findFirstOrThrow({ where: { role: "db_admin" } });
    await prisma.contact.update({ where: { id: first.id }, data: { name: "DBA Han" } });
    await seedContacts(prisma);
    expect(await prisma.contact.count({ where: { role: "db_admin" } })).toBe(1);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: first.id } })).name).toBe("DBA Han");
    const roles = new Set((await prisma.contact.findMany()).map((c) => c.role));
    for (const role of CONTACT_ROLES) expect(roles.has(role)).toBe(true);
  });
});
