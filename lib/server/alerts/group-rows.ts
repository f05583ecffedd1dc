import "server-only";
// The stored Alertmanager alerts of one correlation key as the follow-up reads them (in pages, the event
// loop given back in between) and the one timeline row that tells a change of the group.
import { prisma } from "../db";
import { letOthersIn } from "../event-loop";
import { alertmanagerActor } from "./actors";
import { labelsOf } from "./state-store";
import type { TimelineEntry } from "./incident-link";
import {
  externalFiringText,
  externalGroupText,
  externalResolvedText,
  externalTimelineData,
  type ExternalAlertFacts,
} from "./timeline-text";
import { groupChangeFacts, type GroupMember } from "@/lib/domain/alert-groups";

export type Row = Awaited<ReturnType<typeof prisma.alertmanagerAlert.findMany>>[number];
type RowWhere = NonNullable<Parameters<typeof prisma.alertmanagerAlert.findMany>[0]>["where"];

/** Rows per read: mapping a page of full rows (labels, annotations) holds the event loop while it runs. */
const PAGE = 500;

/** Every matching row, read a page at a time with the event loop given back in between (a group may have thousands). */
export async function findAlertsChunked(where: RowWhere): Promise<Row[]> {
  const out: Row[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await prisma.alertmanagerAlert.findMany({
      where: after === undefined ? where : { AND: [where ?? {}, { fingerprint: { gt: after } }] },
      orderBy: { fingerprint: "asc" },
      take: PAGE,
    });
    out.push(...rows);
    if (rows.length < PAGE) return out;
    after = rows[rows.length - 1].fingerprint;
    await letOthersIn();
  }
}

export const member = (r: Row): GroupMember => ({
  fingerprint: r.fingerprint,
  labels: labelsOf(r.labels),
  annotations: labelsOf(r.annotations),
});

function facts(r: Row): ExternalAlertFacts {
  const a = labelsOf(r.annotations);
  return {
    name: r.alertname,
    fingerprint: r.fingerprint,
    summary: a.summary ?? a.description ?? null,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    generatorURL: null,
  };
}

/** One timeline row for one change of the key's group on one incident. */
export async function groupEntry(
  key: string,
  fired: Row[],
  resolved: Row[],
  how: "opened" | "changed",
  again: boolean,
): Promise<TimelineEntry> {
  const name = (fired[0] ?? resolved[0]).alertname || key;
  const actorLabel = alertmanagerActor(name).label;
  if (fired.length + resolved.length === 1) {
    const r = fired[0] ?? resolved[0];
    const f = facts(r);
    if (resolved.length)
      return {
        kind: "alert-resolved",
        actorLabel,
        message: externalResolvedText(f),
        data: { ...externalTimelineData(f), correlationKey: key },
      };
    const verb = how === "opened" ? "opened" : again ? "again" : "joined";
    return {
      kind: "alert",
      actorLabel,
      message: externalFiringText(f, verb),
      data: { ...externalTimelineData(f, verb === "opened" ? {} : { [verb]: true }), correlationKey: key },
    };
  }
  const firingNow = await prisma.alertmanagerAlert.count({ where: { correlationKey: key, status: "firing" } });
  const g = groupChangeFacts({ fired: fired.map(member), resolved: resolved.map(member), firingNow });
  return {
    kind: fired.length ? "alert" : "alert-resolved",
    actorLabel,
    message: externalGroupText(name, g, how),
    data: { source: "alertmanager", alertname: name, correlationKey: key, ...g },
  };
}
