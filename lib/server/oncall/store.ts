import "server-only";
// On-call schedules and overrides in the database: create, change (optimistic version), delete, with the checks that
// need the database (do the members exist, does the role already have a schedule) and an audit row for every change.
import { randomUUID } from "node:crypto";
import { prisma, type DB } from "../db";
import { AppError, notFound } from "../errors";
import { writeAudit } from "../audit";
import { now } from "../clock";
import { publish } from "../change-bus";
import type { Actor } from "../actor";
import { layerInput, type LayerInput, type OverrideInput, type ScheduleInput } from "@/lib/domain/oncall/input";
import type { z } from "zod";

export const SCHEDULES_TOPIC = "schedules";

/** Live screens refresh on this; the change is committed already, so a failed notify only delays their refresh. */
const announce = () => publish(SCHEDULES_TOPIC);

type ScheduleChange = { name?: string; timeZone?: string; layers?: LayerInput[]; version?: number };

export interface StoredLayer extends LayerInput {
  id: string;
}

export interface ScheduleDto {
  id: string;
  role: string;
  name: string;
  timeZone: string;
  layers: StoredLayer[];
  version: number;
  overrides: OverrideDto[];
  updatedAt: string;
}

export interface OverrideDto {
  id: string;
  userId: string;
  userName: string | null;
  start: string;
  end: string;
}

type ScheduleRow = { id: string; role: string; name: string; timeZone: string; layers: unknown; version: number; updatedAt: Date };
type OverrideRow = { id: string; userId: string; startsAt: Date; endsAt: Date };

/** Stored layer JSON, re-validated on the way out: a row edited by hand never reaches the rota maths malformed. */
export function storedLayers(json: unknown): StoredLayer[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((raw: unknown) => {
    const id = typeof raw === "object" && raw && "id" in raw && typeof raw.id === "string" ? raw.id : null;
    if (!id) return [];
    const { id: _id, ...rest } = raw as Record<string, unknown>;
    const parsed = (layerInput as z.ZodType<LayerInput>).safeParse(rest);
    return parsed.success ? [{ id, ...parsed.data }] : [];
  });
}

async function userNames(db: Pick<DB, "user">, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((u) => [u.id, u.name]));
}

function toDto(row: ScheduleRow, overrides: OverrideRow[], names: Map<string, string>): ScheduleDto {
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    timeZone: row.timeZone,
    layers: storedLayers(row.layers),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    overrides: overrides.map((o) => ({
      id: o.id,
      userId: o.userId,
      userName: names.get(o.userId) ?? null,
      start: o.startsAt.toISOString(),
      end: o.endsAt.toISOString(),
    })),
  };
}

/** Overrides that still matter (not yet ended), soonest first. */
async function currentOverrides(db: Pick<DB, "onCallOverride">, scheduleIds: string[], at: Date) {
  return db.onCallOverride.findMany({
    where: { scheduleId: { in: scheduleIds }, endsAt: { gt: at } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export async function listSchedules(): Promise<ScheduleDto[]> {
  const rows = await prisma.onCallSchedule.findMany({ orderBy: { role: "asc" } });
  const overrides = await currentOverrides(
    prisma,
    rows.map((r) => r.id),
    now(),
  );
  const names = await userNames(
    prisma,
    overrides.map((o) => o.userId),
  );
  return rows.map((r) =>
    toDto(
      r,
      overrides.filter((o) => o.scheduleId === r.id),
      names,
    ),
  );
}

export async function getSchedule(id: string): Promise<ScheduleDto> {
  const row = await prisma.onCallSchedule.findUnique({ where: { id } });
  if (!row) throw notFound(`Schedule ${id.slice(0, 40)}`);
  const overrides = await currentOverrides(prisma, [id], now());
  return toDto(
    row,
    overrides,
    await userNames(
      prisma,
      overrides.map((o) => o.userId),
    ),
  );
}

/**
 * Every member must be a known, active user: a typo must not leave a rota with a slot nobody answers. `kept`: members
 * the schedule already names may stay after their account was deactivated (the rota skips them, the next member
 * covers), so the schedule can still be edited without first removing them.
 */
async function requireUsers(
  db: Pick<DB, "user">,
  ids: string[],
  field: (id: string) => string,
  kept: ReadonlySet<string> = new Set(),
): Promise<void> {
  const unique = [...new Set(ids)];
  const found = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, active: true } });
  const known = new Map(found.map((u) => [u.id, u.active]));
  const fields: Record<string, string> = {};
  for (const id of unique) {
    if (!known.has(id)) fields[field(id)] = `Unknown user "${id.slice(0, 64)}".`;
    else if (!known.get(id) && !kept.has(id)) fields[field(id)] = `User "${id.slice(0, 64)}" is deactivated and cannot be on call.`;
  }
  const first = Object.values(fields)[0];
  if (first) throw new AppError("validation_failed", first, fields);
}

function memberField(layers: LayerInput[]) {
  return (id: string) => {
    for (const [i, layer] of layers.entries()) {
      const j = layer.members.indexOf(id);
      if (j >= 0) return `layers.${i}.members.${j}`;
    }
    return "layers";
  };
}

function withIds(layers: LayerInput[], previous: StoredLayer[] = []): StoredLayer[] {
  // A layer keeps its id when it stays at the same position, so overrides and feeds refer to stable layers.
  return layers.map((layer, i) => ({ id: previous[i]?.id ?? randomUUID(), ...layer }));
}

export async function createSchedule(actor: Actor, input: ScheduleInput): Promise<ScheduleDto> {
  await requireUsers(
    prisma,
    input.layers.flatMap((l) => l.members),
    memberField(input.layers),
  );
  const at = now();
  const layers = withIds(input.layers);
  const row = await prisma.$transaction(async (tx) => {
    const existing = await tx.onCallSchedule.findUnique({ where: { role: input.role }, select: { id: true } });
    if (existing)
      throw new AppError(
        "conflict",
        `The role ${input.role} already has a schedule; change that one instead.`,
        { role: "taken" },
        { scheduleId: existing.id },
      );
    const created = await tx.onCallSchedule.create({
      data: {
        role: input.role,
        name: input.name ?? input.role,
        timeZone: input.timeZone,
        layers: layers as object[],
        createdAt: at,
        updatedAt: at,
      },
    });
    await writeAudit(tx, actor, {
      action: "schedule.create",
      entity: "schedule",
      entityId: created.id,
      after: { role: created.role, timeZone: created.timeZone, layers },
      at,
    });
    return created;
  });
  await announce();
  return toDto(row, [], new Map());
}

export async function updateSchedule(actor: Actor, id: string, change: ScheduleChange): Promise<ScheduleDto> {
  if (change.layers) {
    const stored = await prisma.onCallSchedule.findUnique({ where: { id }, select: { layers: true } });
    const kept = new Set(storedLayers(stored?.layers).flatMap((l) => l.members));
    await requireUsers(
      prisma,
      change.layers.flatMap((l) => l.members),
      memberField(change.layers),
      kept,
    );
  }
  const at = now();
  const row = await prisma.$transaction(async (tx) => {
    const before = await tx.onCallSchedule.findUnique({ where: { id } });
    if (!before) throw notFound(`Schedule ${id.slice(0, 40)}`);
    if (change.version !== undefined && change.version !== before.version) {
      throw new AppError("conflict", "Someone changed this schedule after you opened it; reload to see their change.", undefined, {
        current: toDto(before, [], new Map()),
      });
    }
    const layers = change.layers ? withIds(change.layers, storedLayers(before.layers)) : undefined;
    const updated = await tx.onCallSchedule.update({
      where: { id },
      data: {
        name: change.name,
        timeZone: change.timeZone,
        layers: layers as object[] | undefined,
        version: { increment: 1 },
        updatedAt: at,
      },
    });
    await writeAudit(tx, actor, {
      action: "schedule.update",
      entity: "schedule",
      entityId: id,
      before: { name: before.name, timeZone: before.timeZone, layers: before.layers },
      after: { name: updated.name, timeZone: updated.timeZone, layers: updated.layers },
      at,
    });
    return updated;
  });
  await announce();
  return getSchedule(row.id);
}

export async function deleteSchedule(actor: Actor, id: string): Promise<void> {
  const at = now();
  await prisma.$transaction(async (tx) => {
    const before = await tx.onCallSchedule.findUnique({ where: { id } });
    if (!before) throw notFound(`Schedule ${id.slice(0, 40)}`);
    await tx.onCallSchedule.delete({ where: { id } });
    await tx.calendarFeed.updateMany({ where: { kind: "schedule", subjectId: id, revokedAt: null }, data: { revokedAt: at } });
    await writeAudit(tx, actor, {
      action: "schedule.delete",
      entity: "schedule",
      entityId: id,
      before: { role: before.role, layers: before.layers },
      at,
    });
  });
  await announce();
}

export async function addOverride(actor: Actor, scheduleId: string, input: OverrideInput): Promise<OverrideDto> {
  await requireUsers(prisma, [input.userId], () => "userId");
  const at = now();
  const row = await prisma.$transaction(async (tx) => {
    const schedule = await tx.onCallSchedule.findUnique({ where: { id: scheduleId }, select: { id: true } });
    if (!schedule) throw notFound(`Schedule ${scheduleId.slice(0, 40)}`);
    const created = await tx.onCallOverride.create({
      data: {
        scheduleId,
        userId: input.userId,
        startsAt: new Date(input.start),
        endsAt: new Date(input.end),
        createdById: actor.userId,
        createdAt: at,
      },
    });
    await writeAudit(tx, actor, {
      action: "schedule.override.create",
      entity: "schedule",
      entityId: scheduleId,
      after: { overrideId: created.id, userId: input.userId, start: input.start, end: input.end },
      at,
    });
    return created;
  });
  await announce();
  const names = await userNames(prisma, [row.userId]);
  return {
    id: row.id,
    userId: row.userId,
    userName: names.get(row.userId) ?? null,
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
  };
}

export async function deleteOverride(actor: Actor, scheduleId: string, overrideId: string): Promise<void> {
  const at = now();
  await prisma.$transaction(async (tx) => {
    const before = await tx.onCallOverride.findFirst({ where: { id: overrideId, scheduleId } });
    if (!before) throw notFound(`Override ${overrideId.slice(0, 40)}`);
    await tx.onCallOverride.delete({ where: { id: overrideId } });
    await writeAudit(tx, actor, {
      action: "schedule.override.delete",
      entity: "schedule",
      entityId: scheduleId,
      before: { overrideId, userId: before.userId, start: before.startsAt, end: before.endsAt },
      at,
    });
  });
  await announce();
}
