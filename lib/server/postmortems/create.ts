import "server-only";
// Starting a postmortem from an incident: the template prefilled from what the app recorded (the
// incident, its timeline, its diagnostics and fired escalations), each fact keeping its source.
import { z } from "zod";
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { incidentTopic } from "../incidents";
import { prefillPostmortem, type PrefillDiagnostic, type PrefillEscalation, type DiagnosticVerdict } from "@/lib/domain/postmortem/prefill";
import { LOCALES } from "@/lib/i18n/locales";
import { POSTMORTEMS_TOPIC, postmortemInclude, toPostmortemDto, type PostmortemDto } from "./dto";
import { localizedTimelineText } from "./timeline-text";
import { withRecoveryVerification } from "./recovery-prefill";
import { toJsonValue } from "../json";
import { PROBES, isProbeId } from "@/lib/diagnostics";
import { builtInSourceLabel, builtInValueText, isBuiltInPromData, probeSummaryText } from "@/lib/diagnostics/builtin-summary";
import { addressOf } from "@/lib/domain/postmortem/diagnostic-lines";
import type { Locale } from "@/lib/i18n/locales";

export const createPostmortemInput = z.strictObject({
  /** language of the prefilled text; the report's headings follow the manual (Korean) by default */
  locale: z.enum(LOCALES, { error: "locale must be ko or en." }).optional(),
});
export type CreatePostmortemInput = z.infer<typeof createPostmortemInput>;

/** Who may start a postmortem before the incident is resolved (e.g. to collect notes during a long P0). */
const EARLY_WRITERS = ["admin", "commander"] as const;

function toVerdict(verdict: string): DiagnosticVerdict {
  // The report says what the room said: a probe that errored is 오류 (it could not tell), never "ok" or a warning.
  return verdict === "ok" || verdict === "warning" || verdict === "critical" ? verdict : "error";
}

/** A recorded run as the report words it: the probe's name and a short reason in the report's language. */
function toPrefillDiagnostic(
  d: { id: string; probeId: string; target: string; verdict: string; summary: string; data: unknown; startedAt: Date },
  locale: Locale,
): PrefillDiagnostic {
  const error = (d.data as { error?: { code?: unknown } } | null)?.error;
  return {
    id: d.id,
    title: isProbeId(d.probeId) ? PROBES[d.probeId].title[locale] : d.probeId,
    verdict: toVerdict(d.verdict),
    // a simulated answer is worded from its figures in the report's language (the fact shows it in full)
    summary: probeSummaryText(d, locale),
    ranAt: d.startedAt.toISOString(),
    ...(isBuiltInPromData(d.data) ? { reason: `${builtInValueText(d.data, locale)} (${builtInSourceLabel(locale)})` } : {}),
    ...(typeof error?.code === "string" ? { errorCode: error.code } : {}),
    ...(addressOf(d.target) ? { address: addressOf(d.target) } : {}),
  };
}

export async function createPostmortem(actor: Actor, incidentId: number, input: CreatePostmortemInput = {}): Promise<PostmortemDto> {
  requirePermission(actor, "postmortem.edit");
  const locale = input.locale ?? "ko";
  const incident = await prisma.incident.findUnique({ where: { id: incidentId } });
  if (!incident) throw notFound(`Incident ${incidentId}`);
  if (incident.status !== "resolved" && !(EARLY_WRITERS as readonly string[]).includes(actor.role)) {
    throw new AppError("forbidden", "The incident is not resolved yet: only a commander or an admin can start its postmortem now.");
  }
  const existing = await prisma.postmortem.findUnique({ where: { incidentId }, select: { id: true } });
  if (existing) throw alreadyExists(incidentId, existing.id);

  const [timeline, diagnostics, escalations, recoveryRuns] = await Promise.all([
    prisma.timelineEvent.findMany({ where: { incidentId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.diagnosticRun.findMany({ where: { incidentId }, orderBy: { startedAt: "asc" } }),
    prisma.escalationFiring.findMany({ where: { incidentId, firedAt: { not: null } }, orderBy: { firedAt: "asc" } }),
    prisma.recoveryRun.findMany({ where: { incidentId }, orderBy: [{ ranAt: "asc" }, { id: "asc" }] }),
  ]);
  const prefilled = prefillPostmortem({
    incident: {
      id: incident.id,
      title: incident.title,
      severity: incident.severity === "P0" || incident.severity === "P1" || incident.severity === "P2" ? incident.severity : "P3",
      source: incident.source,
      startedAt: incident.startedAt.toISOString(),
      resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    },
    timeline: timeline.map((e) => ({
      id: e.id,
      kind: e.kind,
      actorName: e.actorName,
      message: localizedTimelineText(e, locale),
      createdAt: e.createdAt.toISOString(),
      data: e.data,
    })),
    diagnostics: diagnostics.map((d) => toPrefillDiagnostic(d, locale)),
    escalations: escalations
      .filter((e) => !e.fireKey.includes("#")) // reminders repeat a step; the report lists each step once
      .map((e): PrefillEscalation => ({
        id: e.id,
        role: e.role,
        dueAt: e.dueAt.toISOString(),
        firedAt: e.firedAt?.toISOString() ?? null,
        acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
        acknowledgedBy: e.acknowledgedBy,
      })),
    locale,
  });
  const prefill = withRecoveryVerification(prefilled, recoveryRuns, timeline, incidentId, locale);

  const at = clockNow();
  let created;
  try {
    created = await prisma.$transaction(async (tx) => {
      const row = await tx.postmortem.create({
        data: {
          incidentId,
          title: incident.title,
          sections: prefill.sections,
          facts: toJsonValue(prefill.facts),
          checklist: {},
          createdAt: at,
          updatedAt: at,
          updatedByName: actor.label,
        },
        include: postmortemInclude,
      });
      await tx.postmortemRevision.create({
        data: {
          postmortemId: row.id,
          version: row.version,
          sections: prefill.sections,
          authorId: actor.userId,
          authorName: actor.label,
          createdAt: at,
        },
      });
      await writeAudit(tx, actor, {
        action: "postmortem.create",
        entity: "postmortem",
        entityId: row.id,
        after: { incidentId, locale, facts: prefill.facts.length },
        at,
      });
      return row;
    });
  } catch (error) {
    // Two people pressed "write postmortem" at once: the unique incidentId lets one win; the other is told.
    const winner = await prisma.postmortem.findUnique({ where: { incidentId }, select: { id: true } });
    if (winner) throw alreadyExists(incidentId, winner.id);
    throw error;
  }
  await publish(POSTMORTEMS_TOPIC, incidentTopic(incidentId));
  return toPostmortemDto(created, at);
}

function alreadyExists(incidentId: number, postmortemId: string): AppError {
  return new AppError("conflict", `Incident ${incidentId} already has a postmortem; open it instead.`, undefined, {
    postmortem: { id: postmortemId },
  });
}

/** The incident's postmortem, if one was started (for the incident room's link). */
export async function postmortemOfIncident(incidentId: number): Promise<{ id: string; status: string; updatedAt: string } | null> {
  const incident = await prisma.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
  if (!incident) throw notFound(`Incident ${incidentId}`);
  const row = await prisma.postmortem.findUnique({ where: { incidentId }, select: { id: true, status: true, updatedAt: true } });
  return row ? { id: row.id, status: row.status, updatedAt: row.updatedAt.toISOString() } : null;
}
