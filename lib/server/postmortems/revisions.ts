import "server-only";
// Revision history: every accepted save is a revision (version, sections, author, time), so any past
// state of the report can be read again and nothing typed and saved is ever lost.
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { parseSections, type RevisionDto, type RevisionSummaryDto } from "./dto";

export const REVISION_PAGE = 100;

/** Newest first, without the texts (a 50 KB report saved 300 times would otherwise be 15 MB). */
export async function listRevisions(postmortemId: string, before?: number): Promise<{ items: RevisionSummaryDto[]; nextCursor?: string }> {
  const exists = await prisma.postmortem.findUnique({ where: { id: postmortemId }, select: { id: true } });
  if (!exists) throw notFound(`Postmortem ${postmortemId.slice(0, 40)}`);
  const rows = await prisma.postmortemRevision.findMany({
    where: { postmortemId, ...(before !== undefined ? { version: { lt: before } } : {}) },
    select: { id: true, version: true, authorName: true, createdAt: true },
    orderBy: { version: "desc" },
    take: REVISION_PAGE + 1,
  });
  const page = rows.slice(0, REVISION_PAGE);
  const items = page.map((r) => ({ id: r.id, version: r.version, authorName: r.authorName, createdAt: r.createdAt.toISOString() }));
  return rows.length > REVISION_PAGE ? { items, nextCursor: String(page[page.length - 1].version) } : { items };
}

export async function getRevision(postmortemId: string, version: number): Promise<RevisionDto> {
  const row = await prisma.postmortemRevision.findUnique({ where: { postmortemId_version: { postmortemId, version } } });
  if (!row) throw notFound(`Revision ${version} of postmortem ${postmortemId.slice(0, 40)}`);
  return {
    id: row.id,
    version: row.version,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString(),
    sections: parseSections(row.sections),
  };
}

/** Path parameter → a revision number, or 404 (a number that cannot exist is simply not found). */
export function versionParam(raw: string): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw new AppError("not_found", `Revision ${raw.slice(0, 40)} not found.`);
  return Number(raw);
}
