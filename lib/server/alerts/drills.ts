import "server-only";
// Drills: a commander injects one of the manual's scenarios into the simulator; the rules fire and the
// incident flow runs as in reality, marked as a drill (notifications go to the in-app outbox only —
// the escalation feature decides that from Incident.isDrill). The drill records how long the team took
// to acknowledge, diagnose and mitigate (hooks.ts), measured from the incident's start (the first
// alert) and compared with the severity's target. One drill at a time: the AppSetting row
// "drills.active" is a unique claim that a concurrent second start cannot also take.
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { alertsConfig } from "./config";
import { isUniqueViolation } from "../db-errors";
import { ALERTS_TOPIC, DRILLS_TOPIC } from "./topics";
import { FAULT_RULES } from "@/lib/metrics/simulator";
import { findScenario, isScenarioSlug, type ScenarioSlug } from "@/lib/domain/scenarios";
import { isSeverity, SEVERITY_TARGET_MS, type Severity } from "@/lib/domain/severity";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { changeIncident } from "../incidents";

export const ACTIVE_DRILL_KEY = "drills.active";

export interface DrillDto {
  id: string;
  scenario: string;
  scenarioTitle: { ko: string; en: string } | null;
  expectedRules: string[];
  startedAt: string;
  startedByName: string;
  endedAt: string | null;
  incident: { id: number; title: string; severity: Severity; status: string; startedAt: string; resolvedAt: string | null } | null;
  timings: {
    acknowledgedAt: string | null;
    diagnosedAt: string | null;
    mitigatedAt: string | null;
    /** fault injected → incident start (the first alert firing) */
    detectMs: number | null;
    /** incident start → each milestone */
    acknowledgeMs: number | null;
    diagnoseMs: number | null;
    mitigateMs: number | null;
    targetMs: number | null;
    /** null until mitigated (or while no incident) */
    withinTarget: boolean | null;
  };
}

type DrillRow = Awaited<ReturnType<typeof prisma.drill.findMany>>[number];
type IncidentRow = { id: number; title: string; severity: string; status: string; startedAt: Date; resolvedAt: Date | null };

const diff = (a: Date | null, b: Date | null | undefined) => (a && b ? a.getTime() - b.getTime() : null);

export function toDrillDto(row: DrillRow, incident: IncidentRow | null): DrillDto {
  const scenario = isScenarioSlug(row.scenario) ? findScenario(row.scenario) : undefined;
  const severity = incident && isSeverity(incident.severity) ? incident.severity : null;
  const start = incident?.startedAt ?? null;
  const targetMs = severity ? SEVERITY_TARGET_MS[severity] : null;
  const mitigateMs = diff(row.mitigatedAt, start);
  return {
    id: row.id,
    scenario: row.scenario,
    scenarioTitle: scenario ? scenario.title : null,
    expectedRules: isScenarioSlug(row.scenario) ? [...FAULT_RULES[row.scenario]] : [],
    startedAt: row.startedAt.toISOString(),
    startedByName: row.startedByName,
    endedAt: row.endedAt?.toISOString() ?? null,
    incident:
      incident && severity
        ? {
            id: incident.id,
            title: incident.title,
            severity,
            status: incident.status,
            startedAt: incident.startedAt.toISOString(),
            resolvedAt: incident.resolvedAt?.toISOString() ?? null,
          }
        : null,
    timings: {
      acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
      diagnosedAt: row.diagnosedAt?.toISOString() ?? null,
      mitigatedAt: row.mitigatedAt?.toISOString() ?? null,
      detectMs: diff(start, row.startedAt),
      acknowledgeMs: diff(row.acknowledgedAt, start),
      diagnoseMs: diff(row.diagnosedAt, start),
      mitigateMs,
      targetMs,
      withinTarget: mitigateMs !== null && targetMs !== null ? mitigateMs <= targetMs : null,
    },
  };
}

async function withIncidents(rows: DrillRow[]): Promise<DrillDto[]> {
  const ids = rows.flatMap((r) => (r.incidentId ? [r.incidentId] : []));
  const incidents = ids.length
    ? await prisma.incident.findMany({
        where: { id: { in: ids } },
        select: { id: true, title: true, severity: true, status: true, startedAt: true, resolvedAt: true },
      })
    : [];
  const byId = new Map(incidents.map((i) => [i.id, i]));
  return rows.map((r) => toDrillDto(r, r.incidentId ? (byId.get(r.incidentId) ?? null) : null));
}

export async function listDrills(limit = 20): Promise<DrillDto[]> {
  const rows = await prisma.drill.findMany({ orderBy: { startedAt: "desc" }, take: limit });
  return withIncidents(rows);
}

export async function getDrill(id: string): Promise<DrillDto> {
  const row = await prisma.drill.findUnique({ where: { id } });
  if (!row) throw notFound(`Drill ${id.slice(0, 40)}`);
  return (await withIncidents([row]))[0];
}

export async function findActiveDrill(): Promise<{ id: string; scenario: ScenarioSlug } | null> {
  const row = await prisma.drill.findFirst({
    where: { endedAt: null },
    orderBy: { startedAt: "desc" },
    select: { id: true, scenario: true },
  });
  return row && isScenarioSlug(row.scenario) ? { id: row.id, scenario: row.scenario } : null;
}

export async function startDrill(actor: Actor, scenario: ScenarioSlug): Promise<DrillDto> {
  requirePermission(actor, "drill.start");
  if (alertsConfig().source !== "simulator") {
    throw new AppError(
      "conflict",
      "Drills inject faults into the embedded simulator, but this server's rules read Prometheus (METRICS_SOURCE=prometheus). Run drills on an instance with the simulator.",
    );
  }
  const at = clockNow();
  let id: string;
  try {
    id = await prisma.$transaction(async (tx) => {
      await tx.appSetting.create({ data: { key: ACTIVE_DRILL_KEY, value: { scenario }, updatedAt: at } });
      const drill = await tx.drill.create({ data: { scenario, startedById: actor.userId, startedByName: actor.label, startedAt: at } });
      await tx.appSetting.update({ where: { key: ACTIVE_DRILL_KEY }, data: { value: { drillId: drill.id, scenario } } });
      await tx.simulatorFault.create({ data: { scenario, startedAt: at, drillId: drill.id } });
      await writeAudit(tx, actor, {
        action: "drill.start",
        entity: "drill",
        entityId: drill.id,
        after: { scenario, startedAt: at.toISOString() },
        at,
      });
      return drill.id;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError("conflict", "A drill is already running; end it before starting another.");
  }
  await publish(DRILLS_TOPIC, ALERTS_TOPIC);
  return getDrill(id);
}

const DRILL_ENDED_REASON: Record<Locale, string> = {
  ko: "훈련 종료: 훈련 장애를 닫습니다",
  en: "Drill ended: the drill incident is closed",
};

/**
 * End the drill: the fault is cleared (the simulator fades it out), the claim released, and its drill
 * incident resolved — so its escalation steps stop (no countdown, no more pages) — with a reason in the
 * ending user's language. The drill's timings keep what the team did before the end (hooks.ts ignores this
 * closing change).
 */
export async function endDrill(actor: Actor, id: string, locale: Locale = DEFAULT_LOCALE): Promise<DrillDto> {
  requirePermission(actor, "drill.start");
  const at = clockNow();
  const incidentId = await prisma.$transaction(async (tx) => {
    const drill = await tx.drill.findUnique({ where: { id } });
    if (!drill) throw notFound(`Drill ${id.slice(0, 40)}`);
    if (drill.endedAt) throw new AppError("conflict", "This drill has already ended.");
    const ended = await tx.drill.updateMany({ where: { id, endedAt: null }, data: { endedAt: at } });
    if (ended.count !== 1) throw new AppError("conflict", "This drill has already ended.");
    await tx.simulatorFault.updateMany({ where: { drillId: id, endedAt: null }, data: { endedAt: at } });
    await tx.appSetting.deleteMany({ where: { key: ACTIVE_DRILL_KEY } });
    await writeAudit(tx, actor, { action: "drill.end", entity: "drill", entityId: id, after: { endedAt: at.toISOString() }, at });
    return drill.incidentId;
  });
  if (incidentId !== null) await closeDrillIncident(actor, incidentId, DRILL_ENDED_REASON[locale]);
  await publish(DRILLS_TOPIC, ALERTS_TOPIC);
  return getDrill(id);
}

/** Resolves the drill's incident unless it already is; a concurrent edit (stale version) is retried. */
async function closeDrillIncident(actor: Actor, incidentId: number, reason: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const incident = await prisma.incident.findUnique({
      where: { id: incidentId },
      select: { status: true, version: true, isDrill: true },
    });
    if (!incident || incident.status === "resolved" || !incident.isDrill) return;
    try {
      await changeIncident(actor, incidentId, { status: "resolved", reason, version: incident.version });
      return;
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict" && attempt < 2) continue;
      throw error;
    }
  }
}
