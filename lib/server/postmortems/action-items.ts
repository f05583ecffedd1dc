import "server-only";
// Follow-up action items of postmortems, and the overview of what is still open or overdue across all
// of them: the point of a report is that its promises get done.
import { z } from "zod";
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import {
  isDueDateInPast,
  summarizeActionItems,
  type ActionItemInput,
  type ActionItemPatchInput,
  type ActionItemSummary,
} from "@/lib/domain/postmortem/action-items";
import { isSeverity, type Severity } from "@/lib/domain/severity";
import { POSTMORTEMS_TOPIC, postmortemTopic, toActionItemDto, type ActionItemDto } from "./dto";

const pastDue = () =>
  new AppError("validation_failed", "dueDate is in the past: pick today or a later day.", {
    dueDate: "dueDate is in the past: pick today or a later day.",
  });

async function requirePostmortem(tx: Pick<typeof prisma, "postmortem">, id: string) {
  const row = await tx.postmortem.findUnique({ where: { id }, select: { id: true } });
  if (!row) throw notFound(`Postmortem ${id.slice(0, 40)}`);
}

export async function listActionItems(postmortemId: string): Promise<ActionItemDto[]> {
  await requirePostmortem(prisma, postmortemId);
  const at = clockNow();
  const rows = await prisma.actionItem.findMany({ where: { postmortemId }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] });
  return rows.map((r) => toActionItemDto(r, at));
}

export async function createActionItem(actor: Actor, postmortemId: string, input: ActionItemInput): Promise<ActionItemDto> {
  requirePermission(actor, "postmortem.edit");
  const at = clockNow();
  if (isDueDateInPast(input.dueDate, at)) throw pastDue();
  const row = await prisma.$transaction(async (tx) => {
    await requirePostmortem(tx, postmortemId);
    const created = await tx.actionItem.create({ data: { postmortemId, ...input, createdAt: at, updatedAt: at } });
    await writeAudit(tx, actor, {
      action: "postmortem.actionItem.create",
      entity: "actionItem",
      entityId: created.id,
      after: { postmortemId, ...input },
      at,
    });
    return created;
  });
  await publish(postmortemTopic(postmortemId), POSTMORTEMS_TOPIC);
  return toActionItemDto(row, at);
}

export async function updateActionItem(
  actor: Actor,
  postmortemId: string,
  itemId: string,
  patch: ActionItemPatchInput,
): Promise<ActionItemDto> {
  requirePermission(actor, "postmortem.edit");
  const at = clockNow();
  const row = await prisma.$transaction(async (tx) => {
    const current = await tx.actionItem.findFirst({ where: { id: itemId, postmortemId } });
    if (!current) throw notFound(`Action item ${itemId.slice(0, 40)}`);
    // A new past date is a typo; an item that is already overdue keeps its date when other fields change.
    if (patch.dueDate !== undefined && patch.dueDate !== current.dueDate && isDueDateInPast(patch.dueDate, at)) throw pastDue();
    const updated = await tx.actionItem.update({ where: { id: itemId }, data: { ...patch, updatedAt: at } });
    await writeAudit(tx, actor, {
      action: "postmortem.actionItem.update",
      entity: "actionItem",
      entityId: itemId,
      before: { title: current.title, owner: current.owner, dueDate: current.dueDate, horizon: current.horizon, status: current.status },
      after: patch,
      at,
    });
    return updated;
  });
  await publish(postmortemTopic(postmortemId), POSTMORTEMS_TOPIC);
  return toActionItemDto(row, at);
}

export async function deleteActionItem(actor: Actor, postmortemId: string, itemId: string): Promise<void> {
  requirePermission(actor, "postmortem.edit");
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    const current = await tx.actionItem.findFirst({ where: { id: itemId, postmortemId } });
    if (!current) throw notFound(`Action item ${itemId.slice(0, 40)}`);
    await tx.actionItem.delete({ where: { id: itemId } });
    await writeAudit(tx, actor, {
      action: "postmortem.actionItem.delete",
      entity: "actionItem",
      entityId: itemId,
      before: { postmortemId, title: current.title, owner: current.owner },
      at,
    });
  });
  await publish(postmortemTopic(postmortemId), POSTMORTEMS_TOPIC);
}

export const overviewQuery = z.strictObject({
  status: z.enum(["open", "overdue", "all"], { error: "status must be open, overdue or all." }).optional(),
});

export interface ActionItemOverviewItem extends ActionItemDto {
  postmortem: { id: string; title: string; incidentId: number; severity: Severity };
}

export interface ActionItemOverview {
  summary: ActionItemSummary;
  items: ActionItemOverviewItem[];
}

/**
 * Action items across postmortems. The summary counts every item; the list holds the requested ones,
 * overdue first, then by due date, so the oldest broken promise is at the top.
 */
export async function actionItemOverview(filter: { status?: "open" | "overdue" | "all" } = {}): Promise<ActionItemOverview> {
  const at = clockNow();
  const rows = await prisma.actionItem.findMany({
    include: { postmortem: { select: { id: true, title: true, incidentId: true, incident: { select: { severity: true } } } } },
    orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
    take: 2_000,
  });
  const all = rows.map((r): ActionItemOverviewItem => ({
    ...toActionItemDto(r, at),
    postmortem: {
      id: r.postmortem.id,
      title: r.postmortem.title,
      incidentId: r.postmortem.incidentId,
      severity: isSeverity(r.postmortem.incident.severity) ? r.postmortem.incident.severity : "P3",
    },
  }));
  const status = filter.status ?? "open";
  const wanted = all.filter((i) => (status === "all" ? true : status === "overdue" ? i.overdue : i.status !== "done"));
  wanted.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate));
  return { summary: summarizeActionItems(all, at), items: wanted };
}
