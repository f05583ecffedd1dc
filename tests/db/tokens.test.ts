import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { createApiToken, revokeApiToken } from "@/lib/server/tokens";
import { actorFromBearer, hashToken } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { actorFor } from "../support/actors";

describe("API tokens", () => {
  it("are stored hashed, bound to their role, and refused once revoked", async () => {
    const admin = await actorFor("admin");
    const created = await createApiToken(admin, { name: "chatops", role: "commander" });
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const actor = await actorFromBearer(`Bearer ${created.token}`);
    expect(actor).toMatchObject({ kind: "token", role: "commander", label: "token:chatops" });

    await revokeApiToken(admin, created.id);
    await expect(actorFromBearer(`Bearer ${created.token}`)).rejects.toBeInstanceOf(AppError);
    const audit = await prisma.auditLog.findMany({ where: { entity: "apiToken", entityId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["token.create", "token.revoke"]);
  });

  it("only admins create tokens", async () => {
    const commander = await actorFor("commander");
    await expect(createApiToken(commander, { name: "x", role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
  });
});
