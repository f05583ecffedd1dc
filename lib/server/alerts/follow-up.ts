import "server-only";
// The incident step of Alertmanager ingestion (alertmanager.ts stores the alerts first): per
// correlation key, the marked alerts (`followUp`) are written on the key's incident — one timeline row
// per change of the group, with counts and instances — or open it (auto-open), and the marks are
// cleared in the same transaction as the row. A follow-up that fails is finished by the next payload of
// the key or by the engine loop (finishPendingFollowUps), never lost.
import { prisma } from "../db";
import { letOthersIn } from "../event-loop";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { declareIncident, getIncident, incidentTopic } from "../incidents";
import { alertmanagerActor } from "./actors";
import { getAlertSettings } from "./settings";
import { ALERTS_TOPIC } from "./topics";
import { labelsOf } from "./state-store";
import { alertHeldByMaintenance } from "../status/maintenance";
import { OPENABLE, recordOnIncidentTx, sweepKey, type OpenResult, type TimelineEntry } from "./incident-link";
import { adoptKey, claimKey, incidentOfKey, openIncidentOf, releaseKey, settleKey } from "./correlation";
import { findAlertsChunked, groupEntry, member, type Row } from "./group-rows";
import { severityFromLabels } from "@/lib/domain/alertmanager";
import { commonOf, groupTitle } from "@/lib/domain/alert-groups";
import { SEVERITIES, type Severity } from "@/lib/domain/severity";
import { TITLE_MAX } from "@/lib/domain/incident-input";

/** Follow-ups a failed request left behind (older than `olderThanMs`): called by the engine loop. */
export async function finishPendingFollowUps(olderThanMs = 30_000): Promise<number> {
  const cutoff = new Date(clockNow().getTime() - olderThanMs);
  const rows = await prisma.alertmanagerAlert.findMany({
    where: { followUp: { not: null }, lastSeenAt: { lt: cutoff } },
    select: { correlationKey: true },
    distinct: ["correlationKey"],
    take: 20,
  });
  if (rows.length === 0) return 0;
  const autoOpen = (await getAlertSettings()).autoOpen;
  for (const r of rows)
    await followKey(r.correlationKey, autoOpen).catch((error: unknown) =>
      console.error(`[alertmanager] follow-up of ${r.correlationKey} failed`, error),
    );
  await publish(ALERTS_TOPIC).catch(() => undefined);
  return rows.length;
}

/**
 * Write the key's marked changes on its incident(s) and clear the marks in the same transaction (a
 * concurrent follow-up of the same rows finds nothing left to clear and writes nothing). Returns true
 * when it opened the key's incident.
 */
export async function followKey(key: string, autoOpen: boolean): Promise<boolean> {
  const pending = await findAlertsChunked({ correlationKey: key, followUp: { not: null } });
  if (pending.length === 0) return false;
  const fired = pending.filter((r) => r.status === "firing");
  const resolved = pending.filter((r) => r.status === "resolved");

  // Resolves go to the incident each alert belonged to (if still open).
  const byIncident = new Map<number, Row[]>();
  const unlinked: Row[] = [];
  const openOf = new Map<number | null, number | null>();
  for (const r of resolved) {
    if (!openOf.has(r.incidentId)) openOf.set(r.incidentId, await openIncidentOf(r.incidentId));
    const open = openOf.get(r.incidentId) ?? null;
    if (open) {
      const list = byIncident.get(open);
      if (list) list.push(r);
      else byIncident.set(open, [r]);
    } else unlinked.push(r);
  }

  let incidentId = await incidentOfKey(key);
  // An incident of the previous episode (or of an alert of the group) that the key does not know yet.
  if (!incidentId) {
    for (const r of fired) {
      // one look-up per incident, not per alert (a re-firing group of thousands shares one)
      if (!openOf.has(r.incidentId)) openOf.set(r.incidentId, await openIncidentOf(r.incidentId));
      const open = openOf.get(r.incidentId) ?? null;
      if (open) {
        incidentId = open;
        await adoptKey(key, open, clockNow());
        break;
      }
    }
  }

  let opened = false;
  const touched = new Set<number>();
  if (fired.length && incidentId) {
    const again = fired.length === 1 && fired[0].incidentId === incidentId;
    const resolvedHere = byIncident.get(incidentId) ?? [];
    byIncident.delete(incidentId);
    const entry = await groupEntry(key, fired, resolvedHere, "changed", again);
    await letOthersIn();
    await commit(fired, resolvedHere, incidentId, entry);
    touched.add(incidentId);
  } else if (fired.length) {
    const severity = worstOpenable(fired);
    // a maintenance window of the alert's components holds the automatic incident (lib/server/status/maintenance.ts)
    const held = autoOpen && severity ? await alertHeldByMaintenance(fired[0].alertname, labelsOf(fired[0].labels)) : false;
    if (autoOpen && severity && !held) {
      const result = await openForKey(key, alertmanagerActor(fired[0].alertname), { severity, known: fired });
      opened = result?.created ?? false;
      if (result) touched.add(result.incidentId);
    } else {
      await clear(fired); // waits on the panel for one click
    }
  }
  for (const [id, rows] of byIncident) {
    const entry = await groupEntry(key, [], rows, "changed", false);
    await letOthersIn();
    await commit([], rows, id, entry);
    touched.add(id);
  }
  if (unlinked.length) await clear(unlinked);
  for (const id of touched) await publish(incidentTopic(id)).catch(() => undefined);
  return opened;
}

/** Clear the marks of `fired` + `resolved` (attaching `fired` to the incident) and write the row, in one transaction. */
async function commit(fired: Row[], resolved: Row[], incidentId: number, entry: TimelineEntry): Promise<void> {
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    let cleared = 0;
    for (let i = 0; i < fired.length; i += 500) {
      const ids = fired.slice(i, i + 500).map((r) => r.fingerprint);
      // marked changes, and alerts that join now (one click on a group that waited on the panel)
      const where = {
        fingerprint: { in: ids },
        OR: [{ followUp: { not: null } }, { incidentId: null }, { incidentId: { not: incidentId } }],
      };
      cleared += (await tx.alertmanagerAlert.updateMany({ where, data: { followUp: null, incidentId } })).count;
    }
    for (let i = 0; i < resolved.length; i += 500) {
      const ids = resolved.slice(i, i + 500).map((r) => r.fingerprint);
      cleared += (
        await tx.alertmanagerAlert.updateMany({ where: { fingerprint: { in: ids }, followUp: { not: null } }, data: { followUp: null } })
      ).count;
    }
    if (cleared > 0) await recordOnIncidentTx(tx, incidentId, entry, at);
  });
}

async function clear(rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await prisma.alertmanagerAlert.updateMany({
      where: { fingerprint: { in: rows.slice(i, i + 500).map((r) => r.fingerprint) } },
      data: { followUp: null },
    });
  }
}

function severityOf(r: { labels: unknown }): Severity | null {
  return severityFromLabels(labelsOf(r.labels))?.severity ?? null;
}

/** The most severe P0–P2 severity among the alerts (the incident's severity), or null. */
function worstOpenable(rows: readonly { labels: unknown }[]): Severity | null {
  let worst: Severity | null = null;
  for (const r of rows) {
    const s = severityOf(r);
    if (s && OPENABLE.includes(s) && (worst === null || SEVERITIES.indexOf(s) < SEVERITIES.indexOf(worst))) worst = s;
  }
  return worst;
}

/**
 * Every firing alert of the key. A new group's alerts are all in hand already (the marked ones just
 * read): when they are all there is, they are not read a second time.
 */
async function firingOfKey(key: string, known: Row[] = []): Promise<Row[]> {
  if (known.length > 0 && known.every((r) => r.status === "firing")) {
    const firing = await prisma.alertmanagerAlert.count({ where: { correlationKey: key, status: "firing" } });
    if (firing === known.length) return known;
  }
  return findAlertsChunked({ correlationKey: key, status: "firing" });
}

/**
 * Open the key's incident (or find the one it has): claim the key, declare with a title from the
 * group's common labels, settle the key, attach every firing alert of the key and write one row.
 * Null when someone else is opening it right now (their sweep attaches these alerts).
 */
async function openForKey(
  key: string,
  actor: Actor,
  options: { severity: Severity; known?: Row[] },
): Promise<{ incidentId: number; created: boolean } | null> {
  const at = clockNow();
  const claim = await claimKey(key, at);
  if (claim.kind === "busy") return null;
  if (claim.kind === "open") {
    await sweepKey(key, claim.incidentId);
    return { incidentId: claim.incidentId, created: false };
  }
  let incidentId: number;
  let members: Row[];
  try {
    members = [...(await firingOfKey(key, options.known))].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const name = members[0]?.alertname ?? key;
    const common = commonOf(members.map((m) => labelsOf(m.labels)));
    const incident = await declareIncident(
      actor,
      {
        title: groupTitle(name, members.map(member), TITLE_MAX),
        severity: worstOpenable(members) ?? options.severity,
        description: Object.entries(common)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")
          .slice(0, 2000),
      },
      // Alertmanager speaks for the real Prometheus, never for the drill simulator: not a drill.
      { source: "alert", startedAt: members[0]?.startsAt ?? at },
    );
    incidentId = incident.id;
  } catch (error) {
    await releaseKey(key, claim.claimedAt);
    throw error;
  }
  await letOthersIn();
  await settleKey(key, claim.claimedAt, incidentId);
  if (members.length) {
    const entry = await groupEntry(key, members, [], "opened", false);
    await letOthersIn();
    await commit(members, [], incidentId, entry);
  }
  await sweepKey(key, incidentId);
  await publish(ALERTS_TOPIC).catch(() => undefined);
  return { incidentId, created: true };
}

/**
 * Open an incident for a firing Alertmanager alert with one click: the key's open incident if it has
 * one (the alert joins it), else a new one for the whole group.
 */
export async function openIncidentForExternal(actor: Actor, fingerprint: string): Promise<OpenResult | null> {
  requirePermission(actor, "incident.declare");
  const row = await prisma.alertmanagerAlert.findUnique({ where: { fingerprint } });
  if (!row) throw notFound(`Alertmanager alert ${fingerprint.slice(0, 40)}`);
  const labels = labelsOf(row.labels);
  const severity = severityFromLabels(labels)?.severity;
  if (!severity || !OPENABLE.includes(severity)) {
    throw new AppError(
      "validation_failed",
      `${row.alertname} has no P0–P2 severity label (severity="${labels.severity ?? ""}"): declare an incident by hand if needed.`,
    );
  }
  if (row.status !== "firing") throw new AppError("conflict", `${row.alertname} is resolved; nothing to open.`);
  const key = row.correlationKey || row.alertname;
  const existing = (await openIncidentOf(row.incidentId)) ?? (await incidentOfKey(key));
  if (existing) {
    if (row.incidentId !== existing) await sweepKey(key, existing);
    return { incident: await getIncident(existing), created: false };
  }
  const result = await openForKey(key, actor, { severity });
  if (!result) throw new AppError("conflict", `An incident for ${row.alertname} is being opened right now; reload in a moment.`);
  return { incident: await getIncident(result.incidentId), created: result.created };
}
