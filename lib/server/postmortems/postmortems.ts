import "server-only";
// Reading, saving and moving postmortems through the workflow. Saves use optimistic concurrency: each
// names the version it was based on, and a save based on an older version is refused (409) with the
// current text and who saved it, so the editor can merge instead of overwriting someone's work.
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { DEFAULT_PAGE_SIZE, afterKeyset, pageOf } from "../pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publish } from "../change-bus";
import { postmortemSectionsInput, type PostmortemSections } from "@/lib/domain/postmortem/template";
import {
  POSTMORTEM_STATUSES,
  canEditSections,
  checkPostmortemTransition,
  isPostmortemStatus,
  type PostmortemStatus,
} from "@/lib/domain/postmortem/publish";
import { summarizeActionItems, type ActionItemSummary } from "@/lib/domain/postmortem/action-items";
import { isSeverity, type Severity } from "@/lib/domain/severity";
import {
  POSTMORTEMS_TOPIC,
  parseSections,
  postmortemInclude,
  postmortemTopic,
  toPostmortemDto,
  toSectionsState,
  type PostmortemDto,
  type SectionsStateDto,
} from "./dto";

export const saveSectionsInput = z.strictObject({
  sections: postmortemSectionsInput,
  version: z.number({ error: "version is required: send the version you loaded, so concurrent edits are detected." }).int().positive(),
});
export type SaveSectionsInput = z.infer<typeof saveSectionsInput>;

export const transitionInput = z.strictObject({
  to: z.enum(POSTMORTEM_STATUSES, { error: `to must be one of: ${POSTMORTEM_STATUSES.join(", ")}.` }),
  reason: safeString().trim().max(2_000, "reason is too long (at most 2000 characters).").optional(),
});
export type TransitionInput = z.infer<typeof transitionInput>;

export async function getPostmortem(id: string): Promise<PostmortemDto> {
  const row = await prisma.postmortem.findUnique({ where: { id }, include: postmortemInclude });
  if (!row) throw notFound(`Postmortem ${id.slice(0, 40)}`);
  return toPostmortemDto(row, clockNow());
}

export interface PostmortemListItem {
  id: string;
  title: string;
  status: PostmortemStatus;
  incident: { id: number; severity: Severity };
  updatedAt: string;
  updatedByName: string;
  actionItems: ActionItemSummary;
}

export const POSTMORTEM_CURSOR = ["d", "s"] as const;

/** One page of postmortems, latest change first; keyset on (updatedAt, id). */
export async function listPostmortems(
  filter: { status?: PostmortemStatus; after?: [updatedAt: string, id: string]; limit?: number } = {},
): Promise<{ items: PostmortemListItem[]; nextCursor?: string }> {
  const at = clockNow();
  const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
  const after = filter.after;
  const keyset = after
    ? afterKeyset<Prisma.PostmortemWhereInput>([
        ["updatedAt", "lt", new Date(after[0])],
        ["id", "lt", after[1]],
      ])
    : {};
  const rows = await prisma.postmortem.findMany({
    where: { AND: [filter.status ? { status: filter.status } : {}, keyset] },
    select: {
      id: true,
      title: true,
      status: true,
      updatedAt: true,
      updatedByName: true,
      incident: { select: { id: true, severity: true } },
      actionItems: { select: { dueDate: true, status: true, horizon: true } },
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  return pageOf(
    rows,
    limit,
    (r) => toListItem(r, at),
    (r) => [r.updatedAt.toISOString(), r.id],
  );
}

function toListItem(
  r: {
    id: string;
    title: string;
    status: string;
    updatedAt: Date;
    updatedByName: string;
    incident: { id: number; severity: string };
    actionItems: { dueDate: string; status: string; horizon: string }[];
  },
  at: Date,
): PostmortemListItem {
  return {
    id: r.id,
    title: r.title,
    status: isPostmortemStatus(r.status) ? r.status : "draft",
    incident: { id: r.incident.id, severity: isSeverity(r.incident.severity) ? r.incident.severity : "P3" },
    updatedAt: r.updatedAt.toISOString(),
    updatedByName: r.updatedByName,
    actionItems: summarizeActionItems(
      r.actionItems.map((i) => ({
        dueDate: i.dueDate,
        status: i.status === "done" || i.status === "in_progress" ? i.status : "open",
        horizon: i.horizon === "immediate" || i.horizon === "long_term" ? i.horizon : "short_term",
      })),
      at,
    ),
  };
}

export interface SaveResult extends SectionsStateDto {
  /** false when the save changed nothing (no new version, no revision) */
  changed: boolean;
}

function staleSave(current: { sections: unknown; version: number; updatedAt: Date; updatedByName: string }, sentVersion: number): AppError {
  return new AppError(
    "conflict",
    `${current.updatedByName} saved this postmortem while you were editing (you edited version ${sentVersion}, it is now version ${current.version}). Your text was not saved and is kept in the editor: merge it with theirs, then save again.`,
    undefined,
    { current: toSectionsState(current) },
  );
}

const sameSections = (a: PostmortemSections, b: PostmortemSections) =>
  Object.keys({ ...a, ...b }).every((k) => (a[k as keyof PostmortemSections] ?? "") === (b[k as keyof PostmortemSections] ?? ""));

/** Saves the fields sent (others keep their text); every accepted save is a revision with its author. */
export async function savePostmortemSections(actor: Actor, id: string, input: SaveSectionsInput): Promise<SaveResult> {
  requirePermission(actor, "postmortem.edit");
  const at = clockNow();
  const result = await prisma.$transaction(async (tx) => {
    const current = await tx.postmortem.findUnique({
      where: { id },
      select: { sections: true, version: true, status: true, updatedAt: true, updatedByName: true },
    });
    if (!current) throw notFound(`Postmortem ${id.slice(0, 40)}`);
    if (!isPostmortemStatus(current.status) || !canEditSections(current.status)) {
      throw new AppError("conflict", "This postmortem is published and final; an admin can reopen it to change the text.");
    }
    if (current.version !== input.version) throw staleSave(current, input.version);
    const before = parseSections(current.sections);
    const merged: PostmortemSections = { ...before, ...input.sections };
    if (sameSections(before, merged)) return { ...toSectionsState(current), changed: false };

    // The version in the WHERE makes check and write one atomic step: of two concurrent saves, one loses.
    const updated = await tx.postmortem.updateMany({
      where: { id, version: input.version },
      data: { sections: merged, version: { increment: 1 }, updatedAt: at, updatedByName: actor.label },
    });
    if (updated.count !== 1) {
      const now = await tx.postmortem.findUniqueOrThrow({
        where: { id },
        select: { sections: true, version: true, updatedAt: true, updatedByName: true },
      });
      throw staleSave(now, input.version);
    }
    const version = input.version + 1;
    await tx.postmortemRevision.create({
      data: { postmortemId: id, version, sections: merged, authorId: actor.userId, authorName: actor.label, createdAt: at },
    });
    const changedFields = Object.keys(input.sections).filter(
      (k) => (before[k as keyof PostmortemSections] ?? "") !== (merged[k as keyof PostmortemSections] ?? ""),
    );
    await writeAudit(tx, actor, {
      action: "postmortem.save",
      entity: "postmortem",
      entityId: id,
      before: { version: input.version },
      after: { version, fields: changedFields },
      at,
    });
    return { sections: merged, version, updatedAt: at.toISOString(), updatedByName: actor.label, changed: true };
  });
  if (result.changed) await publish(postmortemTopic(id), POSTMORTEMS_TOPIC);
  return result;
}

export async function transitionPostmortem(actor: Actor, id: string, input: TransitionInput): Promise<PostmortemDto> {
  requirePermission(actor, "postmortem.edit");
  const at = clockNow();
  const row = await prisma.$transaction(async (tx) => {
    const current = await tx.postmortem.findUnique({ where: { id }, select: { status: true, sections: true } });
    if (!current) throw notFound(`Postmortem ${id.slice(0, 40)}`);
    const from = isPostmortemStatus(current.status) ? current.status : "draft";
    const check = checkPostmortemTransition({
      from,
      to: input.to,
      role: actor.role,
      sections: parseSections(current.sections),
      reason: input.reason,
    });
    if (!check.ok) {
      if (check.code === "forbidden") throw new AppError("forbidden", check.reason);
      if (check.code === "invalid_transition") throw new AppError("conflict", check.reason);
      const fields = check.missing
        ? Object.fromEntries(check.missing.map((m) => [`sections.${m.key}`, `${m.section.en} › ${m.label.en} is required.`]))
        : { reason: check.reason };
      throw new AppError("validation_failed", check.reason, fields);
    }
    const publishedAt = check.kind === "publish" ? at : check.kind === "reopen" ? null : undefined;
    // Only moves from the status just read: a concurrent transition makes this one fail instead of skipping a step.
    const moved = await tx.postmortem.updateMany({
      where: { id, status: from },
      data: { status: input.to, updatedAt: at, ...(publishedAt !== undefined ? { publishedAt } : {}) },
    });
    if (moved.count !== 1) throw new AppError("conflict", "Someone else changed the postmortem's status just now; reload and try again.");
    await writeAudit(tx, actor, {
      action: `postmortem.${check.kind}`,
      entity: "postmortem",
      entityId: id,
      before: { status: from },
      after: { status: input.to, ...(input.reason ? { reason: input.reason } : {}) },
      at,
    });
    return tx.postmortem.findUniqueOrThrow({ where: { id }, include: postmortemInclude });
  });
  await publish(postmortemTopic(id), POSTMORTEMS_TOPIC);
  return toPostmortemDto(row, at);
}
