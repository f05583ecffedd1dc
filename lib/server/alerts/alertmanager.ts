import "server-only";
// The Alertmanager webhook receiver (payload version 4, reference/contracts.md 2.2–2.4):
// - bearer token (ALERTMANAGER_TOKEN) checked before anything else; unset = every request refused;
// - the whole payload is validated before anything is written (400 with the reasons);
// - each alert is processed by its own status, deduplicated by fingerprint + startsAt (one episode):
//   a repeat (same episode, same status) only counts; a new episode of a fingerprint whose incident is
//   still open is recorded there; an alert of a group that already has an open incident joins it;
//   otherwise a P0–P2 alert opens an incident when auto-open is on (else: one click on the panel);
//   `resolved` is written on the incident's timeline; a resolved alert never seen creates a closed record.
import { createHash, timingSafeEqual } from "node:crypto";
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { errorResponse } from "../api";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { declareIncident, getIncident } from "../incidents";
import { alertmanagerActor } from "./actors";
import { isUniqueViolation } from "../db-errors";
import { getAlertSettings } from "./settings";
import { ALERTS_TOPIC } from "./topics";
import { labelsOf } from "./state-store";
import { OPENABLE, openIncidentOf, recordOnIncident, type OpenResult } from "./incident-link";
import { externalFiringText, externalResolvedText, externalTimelineData, type ExternalAlertFacts } from "./timeline-text";
import { safeParseAlertmanagerWebhook, severityFromLabels, type AlertmanagerAlert, type AlertmanagerNotification } from "@/lib/domain/alertmanager";
import { TITLE_MAX } from "@/lib/domain/incident-input";

/** Large groups are legitimate (many instances); still bounded. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Throws 401 unless the Authorization header carries the configured token (compared in constant time). */
export function checkWebhookToken(header: string | null, configured: string | null): void {
  if (!configured) {
    throw new AppError("unauthorized", "The Alertmanager webhook is not configured on this server: set ALERTMANAGER_TOKEN and send it as \"Authorization: Bearer <token>\" (http_config.authorization in alertmanager.yml).");
  }
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw new AppError("unauthorized", "Missing bearer token: send \"Authorization: Bearer <ALERTMANAGER_TOKEN>\".");
  if (!timingSafeEqual(digest(match[1]), digest(configured))) throw new AppError("unauthorized", "Wrong Alertmanager webhook token.");
}

export type AlertOutcome = "opened" | "attached" | "firing" | "repeat" | "resolved" | "stale";

export interface IngestSummary {
  received: number;
  outcomes: { fingerprint: string; alertname: string; outcome: AlertOutcome; incidentId: number | null }[];
}

/** The whole request: token, size, payload, ingestion. Every error is `{"error": {"code", "message"}}`. */
export async function handleAlertmanagerWebhook(request: Request, token: string | null): Promise<Response> {
  try {
    checkWebhookToken(request.headers.get("authorization"), token);
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_WEBHOOK_BYTES) throw new AppError("payload_too_large", `The payload is larger than ${MAX_WEBHOOK_BYTES / 1024} KB.`);
    const text = await request.text();
    if (Buffer.byteLength(text) > MAX_WEBHOOK_BYTES) throw new AppError("payload_too_large", `The payload is larger than ${MAX_WEBHOOK_BYTES / 1024} KB.`);
    const parsed = safeParseAlertmanagerWebhook(text);
    if (!parsed.ok) throw new AppError("bad_request", parsed.error);
    return Response.json(await ingestAlertmanager(parsed.notification));
  } catch (error) {
    return errorResponse(error);
  }
}

function facts(a: { name: string; fingerprint: string; annotations: Record<string, string>; startsAt: Date; endsAt: Date | null; generatorURL: string | null }): ExternalAlertFacts {
  return { name: a.name, fingerprint: a.fingerprint, summary: a.annotations.summary ?? a.annotations.description ?? null, startsAt: a.startsAt, endsAt: a.endsAt, generatorURL: a.generatorURL };
}

export async function ingestAlertmanager(n: AlertmanagerNotification, options: { autoOpen?: boolean } = {}): Promise<IngestSummary> {
  const autoOpen = options.autoOpen ?? (await getAlertSettings()).autoOpen;
  const outcomes: IngestSummary["outcomes"] = [];
  for (const alert of n.alerts) {
    let step: Stored;
    try {
      step = await store(alert);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      step = await store(alert); // an HA twin created the row meanwhile: now it is a repeat
    }
    const incidentId = await follow(alert, step, n.groupLabels, autoOpen);
    outcomes.push({ fingerprint: alert.fingerprint, alertname: alert.name, outcome: step.outcome === "firing" && incidentId ? (step.opened ? "opened" : "attached") : step.outcome, incidentId });
  }
  if (outcomes.some((o) => o.outcome !== "repeat")) await publish(ALERTS_TOPIC).catch(() => undefined);
  return { received: n.alerts.length, outcomes };
}

interface Stored {
  outcome: "firing" | "repeat" | "resolved" | "stale";
  /** the open incident of this fingerprint's previous (or same) episode */
  incidentId: number | null;
  opened?: boolean;
}

async function store(alert: AlertmanagerAlert): Promise<Stored> {
  const at = clockNow();
  return prisma.$transaction(async (tx) => {
    const row = await tx.alertmanagerAlert.findUnique({ where: { fingerprint: alert.fingerprint } });
    const sameEpisode = row !== null && row.startsAt.getTime() === alert.startsAt.getTime();
    if (row && sameEpisode && row.status === alert.status) {
      await tx.alertmanagerAlert.update({ where: { fingerprint: row.fingerprint }, data: { repeats: { increment: 1 }, lastSeenAt: at } });
      return { outcome: "repeat", incidentId: null };
    }
    // A late message about an older episode, or a firing after the episode's resolve (a re-fire always
    // has a new startsAt): what is stored stands.
    if (row && (row.startsAt.getTime() > alert.startsAt.getTime() || (sameEpisode && row.status === "resolved"))) {
      await tx.alertmanagerAlert.update({ where: { fingerprint: row.fingerprint }, data: { lastSeenAt: at } });
      return { outcome: "stale", incidentId: null };
    }
    const data = {
      alertname: alert.name,
      status: alert.status,
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: alert.startsAt,
      endsAt: alert.endsAt,
      lastSeenAt: at,
      ...(sameEpisode ? {} : { firstSeenAt: at, repeats: 0 }),
    };
    const keepIncident = row?.incidentId ?? null;
    if (row) await tx.alertmanagerAlert.update({ where: { fingerprint: row.fingerprint }, data });
    else await tx.alertmanagerAlert.create({ data: { fingerprint: alert.fingerprint, ...data, firstSeenAt: at, repeats: 0 } });
    const actor = alertmanagerActor(alert.name);
    await writeAudit(tx, actor, { action: `alertmanager.${alert.status}`, entity: "alertmanagerAlert", entityId: alert.fingerprint, before: row ? { status: row.status, startsAt: row.startsAt.toISOString() } : null, after: { status: alert.status, startsAt: alert.startsAt.toISOString(), endsAt: alert.endsAt?.toISOString() ?? null }, at });
    return { outcome: alert.status, incidentId: keepIncident };
  });
}

/** After the alert's row is stored: incidents and timelines. Returns the alert's incident, if any. */
async function follow(alert: AlertmanagerAlert, step: Stored, groupLabels: Record<string, string>, autoOpen: boolean): Promise<number | null> {
  if (step.outcome === "repeat" || step.outcome === "stale") return null;
  const actor = alertmanagerActor(alert.name);
  const f = facts(alert);
  const own = await openIncidentOf(step.incidentId);
  if (step.outcome === "resolved") {
    if (own) await recordOnIncident(own, { kind: "alert-resolved", actorLabel: actor.label, message: externalResolvedText(f), data: externalTimelineData(f) });
    return own;
  }
  if (own) {
    await recordOnIncident(own, { kind: "alert", actorLabel: actor.label, message: externalFiringText(f, "again"), data: externalTimelineData(f, { again: true }) });
    return own;
  }
  if (step.incidentId !== null) await prisma.alertmanagerAlert.updateMany({ where: { fingerprint: alert.fingerprint, incidentId: step.incidentId }, data: { incidentId: null } });
  const sibling = await groupIncident(alert, groupLabels);
  if (sibling) {
    const joined = await prisma.alertmanagerAlert.updateMany({ where: { fingerprint: alert.fingerprint, incidentId: null }, data: { incidentId: sibling } });
    if (joined.count === 1) {
      await recordOnIncident(sibling, { kind: "alert", actorLabel: actor.label, message: externalFiringText(f, "joined"), data: externalTimelineData(f, { joined: true }) });
      return sibling;
    }
  }
  const severity = severityFromLabels(alert.labels)?.severity;
  if (!autoOpen || !severity || !OPENABLE.includes(severity)) return null;
  const result = await openIncidentForExternal(actor, alert.fingerprint, alert.startsAt.getTime());
  if (result) step.opened = result.created;
  return result?.incident.id ?? null;
}

/** An open incident of another firing alert in the same Alertmanager group (same alertname, group labels). */
async function groupIncident(alert: AlertmanagerAlert, groupLabels: Record<string, string>): Promise<number | null> {
  const candidates = await prisma.alertmanagerAlert.findMany({
    where: { alertname: alert.name, status: "firing", fingerprint: { not: alert.fingerprint }, incidentId: { gt: 0 } },
    orderBy: { firstSeenAt: "asc" },
  });
  for (const c of candidates) {
    const labels = labelsOf(c.labels);
    if (Object.entries(groupLabels).every(([k, v]) => labels[k] === v)) {
      const open = await openIncidentOf(c.incidentId);
      if (open) return open;
    }
  }
  return null;
}

/**
 * Open an incident for a firing Alertmanager alert (one click, or auto-open). Same claim as for rule
 * alerts: incidentId null → 0 → the incident's id, so one episode opens one incident.
 */
export async function openIncidentForExternal(actor: Actor, fingerprint: string, expectStartsAt?: number): Promise<OpenResult | null> {
  requirePermission(actor, "incident.declare");
  const row = await prisma.alertmanagerAlert.findUnique({ where: { fingerprint } });
  if (!row) throw notFound(`Alertmanager alert ${fingerprint.slice(0, 40)}`);
  if (expectStartsAt !== undefined && row.startsAt.getTime() !== expectStartsAt) return null;
  const labels = labelsOf(row.labels);
  const severity = severityFromLabels(labels)?.severity;
  if (!severity || !OPENABLE.includes(severity)) {
    throw new AppError("validation_failed", `${row.alertname} has no P0–P2 severity label (severity="${labels.severity ?? ""}"): declare an incident by hand if needed.`);
  }
  if (row.status !== "firing") throw new AppError("conflict", `${row.alertname} is resolved; nothing to open.`);
  const existing = await openIncidentOf(row.incidentId);
  if (existing) return { incident: await getIncident(existing), created: false };
  if (row.incidentId === 0) throw new AppError("conflict", `An incident for ${row.alertname} is being opened right now; reload in a moment.`);
  if (row.incidentId !== null) await prisma.alertmanagerAlert.updateMany({ where: { fingerprint, incidentId: row.incidentId }, data: { incidentId: null } });
  const claim = await prisma.alertmanagerAlert.updateMany({ where: { fingerprint, startsAt: row.startsAt, status: "firing", incidentId: null }, data: { incidentId: 0 } });
  if (claim.count !== 1) {
    const winner = await openIncidentOf((await prisma.alertmanagerAlert.findUnique({ where: { fingerprint } }))?.incidentId ?? null);
    if (winner) return { incident: await getIncident(winner), created: false };
    throw new AppError("conflict", `The alert ${row.alertname} changed while opening the incident; reload and try again.`);
  }
  const annotations = labelsOf(row.annotations);
  const f = facts({ name: row.alertname, fingerprint, annotations, startsAt: row.startsAt, endsAt: row.endsAt, generatorURL: null });
  let id: number;
  try {
    const incident = await declareIncident(
      actor,
      {
        title: `${row.alertname}${f.summary ? `: ${f.summary}` : ""}`.slice(0, TITLE_MAX),
        severity,
        description: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(", ").slice(0, 2000),
      },
      // Alertmanager speaks for the real Prometheus, never for the drill simulator: not a drill.
      { source: "alert", startedAt: row.startsAt },
    );
    id = incident.id;
  } catch (error) {
    await prisma.alertmanagerAlert.updateMany({ where: { fingerprint, incidentId: 0 }, data: { incidentId: null } });
    throw error;
  }
  await prisma.alertmanagerAlert.updateMany({ where: { fingerprint, incidentId: 0 }, data: { incidentId: id } });
  await recordOnIncident(id, { kind: "alert", actorLabel: alertmanagerActor(row.alertname).label, message: externalFiringText(f, "opened"), data: externalTimelineData(f, { openedBy: actor.label }) });
  await publish(ALERTS_TOPIC).catch(() => undefined);
  return { incident: await getIncident(id), created: true };
}
