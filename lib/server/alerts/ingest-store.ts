import "server-only";
// Storing a validated Alertmanager payload, fast and safely repeatable. The alerts are written in
// batches of BATCH, each one short transaction that reads its rows and writes them with a handful of
// set-based statements (repeats and stale messages: one UPDATE each; changed alerts: one UPDATE from a
// JSON array; new ones: one multi-row INSERT; their audit rows: one INSERT — bulk-insert.ts). Short
// transactions keep the database available to everyone else (SQLite has one writer; /api/health and
// the pages keep answering while 5,000 alerts go in).
//
// Repeatable: a batch either commits whole or not at all, and re-sending the payload finds every
// stored alert as a repeat — so Alertmanager's retry after a failure stores exactly what is missing.
// A changed alert carries `followUp` until its incident step is done (alertmanager.ts), so a retry
// also finishes the incident work a failed request left.
import { prisma } from "../db";
import { isUniqueViolation } from "../db-errors";
import { letOthersIn } from "../event-loop";
import { alertmanagerActor } from "./actors";
import type { Tx } from "./state-store";
import { insertAlertRows, updateAlertRows, type AlertRowInput } from "./bulk-insert";
import { insertAuditRows, type AuditRowInput } from "../audit";
import { decideStore, type AlertmanagerAlert } from "@/lib/domain/alertmanager";
import { correlationKeyOf } from "@/lib/domain/alert-groups";

export const BATCH = 250;

export type StoreOutcome = "firing" | "resolved" | "repeat" | "stale";

export interface Stored {
  fingerprint: string;
  alertname: string;
  key: string;
  outcome: StoreOutcome;
}

/** Store every alert (in payload order); duplicates of a fingerprint inside one payload count as repeats. */
export async function storeAlerts(alerts: readonly AlertmanagerAlert[], at: Date): Promise<Stored[]> {
  const seen = new Set<string>();
  const unique: AlertmanagerAlert[] = [];
  for (const a of alerts) {
    if (seen.has(a.fingerprint)) continue;
    seen.add(a.fingerprint);
    unique.push(a);
  }
  const byFingerprint = new Map<string, Stored>();
  for (let i = 0; i < unique.length; i += BATCH) {
    const chunk = unique.slice(i, i + BATCH);
    for (let attempt = 0; ; attempt++) {
      try {
        for (const s of await prisma.$transaction((tx) => writeBatch(tx, chunk, at))) byFingerprint.set(s.fingerprint, s);
        break;
      } catch (error) {
        // An HA twin inserted some of these fingerprints meanwhile: read again, they are repeats now.
        if (!isUniqueViolation(error) || attempt >= 2) throw error;
      }
    }
    // Let other requests in between batches (one event-loop turn).
    await letOthersIn();
  }
  const firstSeen = new Set<string>();
  return alerts.map((a) => {
    const s = byFingerprint.get(a.fingerprint)!;
    if (firstSeen.has(a.fingerprint)) return { ...s, outcome: "repeat" };
    firstSeen.add(a.fingerprint);
    return s;
  });
}

async function writeBatch(tx: Tx, alerts: readonly AlertmanagerAlert[], at: Date): Promise<Stored[]> {
  const rows = await tx.alertmanagerAlert.findMany({
    where: { fingerprint: { in: alerts.map((a) => a.fingerprint) } },
    select: { fingerprint: true, startsAt: true, status: true, incidentId: true, firstSeenAt: true, repeats: true },
  });
  const existing = new Map(rows.map((r) => [r.fingerprint, r]));
  const repeats: string[] = [];
  const stale: string[] = [];
  const updates: AlertRowInput[] = [];
  const creates: AlertRowInput[] = [];
  const audits: AuditRowInput[] = [];
  const out: Stored[] = [];

  for (const a of alerts) {
    const row = existing.get(a.fingerprint);
    const key = correlationKeyOf(a.labels, a.fingerprint);
    const decision = decideStore(row, a);
    if (decision === "repeat" || decision === "stale") {
      (decision === "repeat" ? repeats : stale).push(a.fingerprint);
      out.push({ fingerprint: a.fingerprint, alertname: a.name, key, outcome: decision });
      continue;
    }
    const sameEpisode = decision === "change";
    (row ? updates : creates).push({
      fingerprint: a.fingerprint,
      alertname: a.name,
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      firstSeenAt: sameEpisode && row ? row.firstSeenAt : at,
      lastSeenAt: at,
      repeats: sameEpisode && row ? row.repeats : 0,
      // the previous episode's incident stays linked: the follow-up decides whether it is still open
      incidentId: row?.incidentId ?? null,
      correlationKey: key,
      followUp: a.status,
    });
    audits.push({
      actorLabel: alertmanagerActor(a.name).label,
      action: `alertmanager.${a.status}`,
      entity: "alertmanagerAlert",
      entityId: a.fingerprint,
      before: row ? { status: row.status, startsAt: row.startsAt.toISOString() } : null,
      after: { status: a.status, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt?.toISOString() ?? null },
      createdAt: at,
    });
    out.push({ fingerprint: a.fingerprint, alertname: a.name, key, outcome: a.status });
  }

  if (repeats.length)
    await tx.alertmanagerAlert.updateMany({ where: { fingerprint: { in: repeats } }, data: { repeats: { increment: 1 }, lastSeenAt: at } });
  if (stale.length) await tx.alertmanagerAlert.updateMany({ where: { fingerprint: { in: stale } }, data: { lastSeenAt: at } });
  await updateAlertRows(tx, updates);
  await insertAlertRows(tx, creates);
  await insertAuditRows(tx, audits);
  return out;
}
