import "server-only";
// One problem, one incident. Every alert has a correlation key (lib/domain/alert-groups.ts: the
// alertname, which is also the app's rule name). AlertCorrelation holds the key's incident, and
// opening one is a claim on that row (free → 0 → the incident's id, a conditional UPDATE exactly one
// caller wins), shared by the rule engine, the Alertmanager webhook and the one-click buttons. So
// HighErrorRate from the engine and HighErrorRate from Prometheus via Alertmanager open one incident
// and page once.
//
// Who loses the claim does not wait: its alert row is already committed, and the winner, after setting
// the key's incident, attaches every firing alert of the key that has none ("sweep"). A row committed
// after the sweep sees the incident's id when it checks the key. A claim left behind by a crash is
// taken over after CLAIM_TTL_MS.
import { prisma } from "../db";
import { isUniqueViolation } from "../db-errors";

/** An incident is "the alert's" only while it is open; a resolved one lets the next episode open anew. */
export async function openIncidentOf(incidentId: number | null): Promise<number | null> {
  if (!incidentId || incidentId <= 0) return null;
  const incident = await prisma.incident.findUnique({ where: { id: incidentId }, select: { status: true } });
  return incident && incident.status !== "resolved" ? incidentId : null;
}

export const CLAIM_TTL_MS = 2 * 60_000;
const FREE = -1;
const OPENING = 0;

export type KeyState = { kind: "open"; incidentId: number } | { kind: "claimed"; claimedAt: Date } | { kind: "busy" };

/** The key's open incident, if any (a resolved one frees the key for the next episode). */
export async function incidentOfKey(key: string): Promise<number | null> {
  const row = await prisma.alertCorrelation.findUnique({ where: { key } });
  return row ? openIncidentOf(row.incidentId) : null;
}

/**
 * Either the key's open incident, or the right to open one (the caller must then call `settleKey`
 * or `releaseKey`), or "busy": someone else is opening it right now.
 */
export async function claimKey(key: string, at: Date): Promise<KeyState> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const row = await prisma.alertCorrelation.findUnique({ where: { key } });
    if (!row) {
      try {
        await prisma.alertCorrelation.create({ data: { key, incidentId: OPENING, claimedAt: at } });
        return { kind: "claimed", claimedAt: at };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        continue;
      }
    }
    const open = await openIncidentOf(row.incidentId);
    if (open) return { kind: "open", incidentId: open };
    if (row.incidentId === OPENING && at.getTime() - row.claimedAt.getTime() < CLAIM_TTL_MS) return { kind: "busy" };
    const won = await prisma.alertCorrelation.updateMany({
      where: { key, incidentId: row.incidentId, claimedAt: row.claimedAt },
      data: { incidentId: OPENING, claimedAt: at },
    });
    if (won.count === 1) return { kind: "claimed", claimedAt: at };
  }
  return { kind: "busy" };
}

/** The claimed key now belongs to `incidentId`. */
export async function settleKey(key: string, claimedAt: Date, incidentId: number): Promise<void> {
  await prisma.alertCorrelation.updateMany({ where: { key, incidentId: OPENING, claimedAt }, data: { incidentId } });
}

/** Opening failed: free the key again. */
export async function releaseKey(key: string, claimedAt: Date): Promise<void> {
  await prisma.alertCorrelation.updateMany({ where: { key, incidentId: OPENING, claimedAt }, data: { incidentId: FREE } });
}

/** Point the key at an incident that an alert of it joined (e.g. an incident opened before keys existed). */
export async function adoptKey(key: string, incidentId: number, at: Date): Promise<void> {
  const row = await prisma.alertCorrelation.findUnique({ where: { key } });
  if (!row) {
    await prisma.alertCorrelation.create({ data: { key, incidentId, claimedAt: at } }).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
    return;
  }
  if (row.incidentId === incidentId || (await openIncidentOf(row.incidentId))) return;
  if (row.incidentId === OPENING && at.getTime() - row.claimedAt.getTime() < CLAIM_TTL_MS) return;
  await prisma.alertCorrelation.updateMany({
    where: { key, incidentId: row.incidentId, claimedAt: row.claimedAt },
    data: { incidentId, claimedAt: at },
  });
}
