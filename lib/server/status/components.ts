import "server-only";
// Status page components: seeded once, edited by admins; and the components an incident affects.
import { prisma, type DB } from "../db";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { SEED_COMPONENTS, isImpact, proposedImpact, type Impact } from "@/lib/domain/status/components";
import type { ComponentsInput } from "@/lib/domain/status/input";
import type { Severity } from "@/lib/domain/severity";
import { invalidateStatusSnapshot } from "./snapshot-cache";

export interface ComponentDto {
  id: string;
  slug: string;
  nameKo: string;
  nameEn: string;
  position: number;
  archived: boolean;
}

const SEEDED_KEY = "status.components.seeded";

/** Seeds the manual's components once (a later edit or removal by an admin is never undone). */
export async function ensureStatusComponents(db: DB = prisma): Promise<void> {
  if (await db.appSetting.findUnique({ where: { key: SEEDED_KEY } })) return;
  const at = new Date();
  await db.$transaction(async (tx) => {
    if (await tx.appSetting.findUnique({ where: { key: SEEDED_KEY } })) return;
    for (const [position, c] of SEED_COMPONENTS.entries()) {
      await tx.statusComponent.upsert({ where: { slug: c.slug }, create: { ...c, position }, update: {} });
    }
    await tx.appSetting.create({ data: { key: SEEDED_KEY, value: true, updatedAt: at } });
  });
}

export async function listComponents(options: { includeArchived?: boolean } = {}): Promise<ComponentDto[]> {
  await ensureStatusComponents();
  const rows = await prisma.statusComponent.findMany({
    where: options.includeArchived ? {} : { archivedAt: null },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    nameKo: r.nameKo,
    nameEn: r.nameEn,
    position: r.position,
    archived: r.archivedAt !== null,
  }));
}

/** Admins replace the list: rows with an id are updated, without one created; missing ones are archived. */
export async function saveComponents(actor: Actor, input: ComponentsInput): Promise<ComponentDto[]> {
  requirePermission(actor, "settings.manage");
  const slugs = input.components.map((c) => c.slug);
  if (new Set(slugs).size !== slugs.length)
    throw new AppError("validation_failed", "Each component needs its own slug.", { components: "duplicate slug" });
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    const before = await tx.statusComponent.findMany();
    const keep = new Set<string>();
    for (const [position, c] of input.components.entries()) {
      const data = { slug: c.slug, nameKo: c.nameKo, nameEn: c.nameEn, position, archivedAt: c.archived ? at : null };
      if (c.id) {
        if (!before.some((b) => b.id === c.id))
          throw new AppError("validation_failed", `No component ${c.id}.`, { components: "unknown id" });
        await tx.statusComponent.update({ where: { id: c.id }, data });
        keep.add(c.id);
      } else {
        const clash = before.find((b) => b.slug === c.slug);
        if (clash) throw new AppError("conflict", `A component with the slug ${c.slug} exists already.`);
        keep.add((await tx.statusComponent.create({ data })).id);
      }
    }
    for (const b of before)
      if (!keep.has(b.id) && !b.archivedAt) await tx.statusComponent.update({ where: { id: b.id }, data: { archivedAt: at } });
    await writeAudit(tx, actor, {
      action: "status.components",
      entity: "status",
      entityId: "components",
      before,
      after: input.components,
      at,
    });
  });
  invalidateStatusSnapshot();
  return listComponents({ includeArchived: true });
}

export interface IncidentComponentDto {
  componentId: string;
  impact: Impact;
}

type Tx = Pick<DB, "incidentComponent" | "statusComponent">;

/** Replaces the components an incident affects (inside the caller's transaction); unknown ids are refused. */
export async function writeIncidentComponents(tx: Tx, incidentId: number, components: IncidentComponentDto[], at: Date): Promise<void> {
  const ids = [...new Set(components.map((c) => c.componentId))];
  if (ids.length > 0) {
    const found = await tx.statusComponent.count({ where: { id: { in: ids }, archivedAt: null } });
    if (found !== ids.length) throw new AppError("validation_failed", "Unknown component.", { components: "unknown component" });
  }
  await tx.incidentComponent.deleteMany({ where: { incidentId } });
  if (components.length > 0) {
    await tx.incidentComponent.createMany({
      data: ids.map((componentId) => ({
        incidentId,
        componentId,
        impact: components.find((c) => c.componentId === componentId)!.impact,
        updatedAt: at,
      })),
    });
  }
}

/** At declaration: the named components, each with the impact its severity proposes. */
export async function writeDeclaredComponents(
  tx: Tx,
  incidentId: number,
  severity: Severity,
  componentIds: string[] | undefined,
  at: Date,
) {
  if (!componentIds || componentIds.length === 0) return;
  const impact = proposedImpact(severity);
  await writeIncidentComponents(
    tx,
    incidentId,
    componentIds.map((componentId) => ({ componentId, impact })),
    at,
  );
}

export async function incidentComponents(incidentId: number): Promise<IncidentComponentDto[]> {
  const rows = await prisma.incidentComponent.findMany({ where: { incidentId } });
  return rows.filter((r) => isImpact(r.impact)).map((r) => ({ componentId: r.componentId, impact: r.impact as Impact }));
}
