import "server-only";
// The recovery checks (manual section 4) as admin-managed configuration. Seeded once, lazily, from the
// manual's defaults; after that admins add, edit, disable or delete them. Users run them, never type them.
// A check's row id is its definition id (e.g. "health"), so ids are unique and results stay comparable.
import { z } from "zod";
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { DEFAULT_RECOVERY_CHECKS, recoveryCheckInput, type RecoveryCheck, type RecoveryCheckInput } from "@/lib/domain/recovery-checks";

const SEEDED_KEY = "recoveryChecks.seeded";
import { RECOVERY_CHECKS_TOPIC } from "@/lib/domain/live-topics";
import { toJsonValue } from "../json";
export { RECOVERY_CHECKS_TOPIC };

export interface RecoveryCheckDto {
  id: string;
  enabled: boolean;
  /** POST smoke requests write to the shop (a point charge, an order): run only when asked for explicitly */
  changesData: boolean;
  definition: RecoveryCheck | null;
  /** why a stored definition is refused (edited by hand, or from an older version); such a check never runs */
  invalid?: string;
  updatedAt: string;
}

export const updateRecoveryCheckInput = z
  .strictObject({ definition: recoveryCheckInput.optional(), enabled: z.boolean({ error: "enabled must be true or false." }).optional() })
  .refine((v) => v.definition !== undefined || v.enabled !== undefined, { message: "Nothing to change: send definition or enabled." });
export type UpdateRecoveryCheckInput = z.infer<typeof updateRecoveryCheckInput>;

export function changesData(check: RecoveryCheck): boolean {
  return check.kind === "http" && check.method === "POST";
}

/**
 * A stored definition, validated again on every read: the database is not a trust boundary we control
 * alone. `section` (the manual's 4.x grouping of the defaults) is kept; everything else must pass the
 * same rules as an admin's input, including the read-only SQL validator.
 */
export function parseStoredCheck(json: unknown): { ok: true; check: RecoveryCheck } | { ok: false; reason: string } {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return { ok: false, reason: "The stored definition is not an object." };
  const { section, ...rest } = json as Record<string, unknown>;
  const parsed = recoveryCheckInput.safeParse(rest);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? "Invalid definition." };
  const check: RecoveryCheck = typeof section === "string" ? { ...parsed.data, section } : parsed.data;
  return { ok: true, check };
}

const toJson = toJsonValue;

async function ensureSeeded(): Promise<void> {
  if (await prisma.appSetting.findUnique({ where: { key: SEEDED_KEY } })) return;
  const at = clockNow();
  try {
    await prisma.$transaction(async (tx) => {
      if (await tx.appSetting.findUnique({ where: { key: SEEDED_KEY } })) return;
      for (const [index, check] of DEFAULT_RECOVERY_CHECKS.entries()) {
        const stamp = new Date(at.getTime() + index); // keeps the manual's order
        await tx.recoveryCheck.upsert({
          where: { id: check.id },
          update: {},
          create: { id: check.id, definition: toJson(check), enabled: true, createdAt: stamp, updatedAt: stamp },
        });
      }
      await tx.appSetting.create({ data: { key: SEEDED_KEY, value: true, updatedAt: at } });
    });
  } catch (error) {
    // Another instance seeded at the same moment: its rows are the same defaults.
    if (!(await prisma.appSetting.findUnique({ where: { key: SEEDED_KEY } }))) throw error;
  }
}

function toDto(row: { id: string; enabled: boolean; definition: unknown; updatedAt: Date }): RecoveryCheckDto {
  const parsed = parseStoredCheck(row.definition);
  if (!parsed.ok)
    return {
      id: row.id,
      enabled: row.enabled,
      changesData: false,
      definition: null,
      invalid: parsed.reason,
      updatedAt: row.updatedAt.toISOString(),
    };
  return {
    id: row.id,
    enabled: row.enabled,
    changesData: changesData(parsed.check),
    definition: parsed.check,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listRecoveryChecks(): Promise<RecoveryCheckDto[]> {
  await ensureSeeded();
  const rows = await prisma.recoveryCheck.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toDto);
}

export async function createRecoveryCheck(actor: Actor, input: RecoveryCheckInput): Promise<RecoveryCheckDto> {
  requirePermission(actor, "settings.manage");
  await ensureSeeded();
  const at = clockNow();
  const row = await prisma.$transaction(async (tx) => {
    if (await tx.recoveryCheck.findUnique({ where: { id: input.id } })) {
      throw new AppError("conflict", `A recovery check with id "${input.id}" already exists; pick another id or edit that check.`, {
        id: "This id is taken.",
      });
    }
    const created = await tx.recoveryCheck.create({
      data: { id: input.id, definition: toJson(input), enabled: true, createdAt: at, updatedAt: at },
    });
    await writeAudit(tx, actor, { action: "recoveryCheck.create", entity: "recoveryCheck", entityId: input.id, after: input, at });
    return created;
  });
  await publish(RECOVERY_CHECKS_TOPIC);
  return toDto(row);
}

export async function updateRecoveryCheck(actor: Actor, id: string, input: UpdateRecoveryCheckInput): Promise<RecoveryCheckDto> {
  requirePermission(actor, "settings.manage");
  if (input.definition && input.definition.id !== id) {
    throw new AppError("validation_failed", "A check's id cannot change: create a new check instead.", {
      "definition.id": "Must stay " + id + ".",
    });
  }
  const at = clockNow();
  const row = await prisma.$transaction(async (tx) => {
    const current = await tx.recoveryCheck.findUnique({ where: { id } });
    if (!current) throw notFound(`Recovery check ${id.slice(0, 63)}`);
    // An edited default keeps its manual section, so it stays grouped under 4.x.
    const stored = parseStoredCheck(current.definition);
    const section = stored.ok ? stored.check.section : undefined;
    const definition = input.definition ? toJson(section ? { ...input.definition, section } : input.definition) : undefined;
    const updated = await tx.recoveryCheck.update({
      where: { id },
      data: { ...(definition ? { definition } : {}), ...(input.enabled !== undefined ? { enabled: input.enabled } : {}), updatedAt: at },
    });
    await writeAudit(tx, actor, {
      action: "recoveryCheck.update",
      entity: "recoveryCheck",
      entityId: id,
      before: { definition: current.definition, enabled: current.enabled },
      after: { definition: updated.definition, enabled: updated.enabled },
      at,
    });
    return updated;
  });
  await publish(RECOVERY_CHECKS_TOPIC);
  return toDto(row);
}

export async function deleteRecoveryCheck(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "settings.manage");
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    const current = await tx.recoveryCheck.findUnique({ where: { id } });
    if (!current) throw notFound(`Recovery check ${id.slice(0, 63)}`);
    await tx.recoveryCheck.delete({ where: { id } });
    await writeAudit(tx, actor, {
      action: "recoveryCheck.delete",
      entity: "recoveryCheck",
      entityId: id,
      before: { definition: current.definition, enabled: current.enabled },
      at,
    });
  });
  await publish(RECOVERY_CHECKS_TOPIC);
}
