import "server-only";
// What the public page, its feeds and GET /api/v1/status show: only public facts. An incident becomes public
// with its first published update; from then on its components' impacts count. Never read here: internal
// titles, descriptions, notes, the timeline, diagnostics, people's names.
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { currentStates, isImpact, overallState, windowActive, type ComponentState, type Impact } from "@/lib/domain/status/components";
import { HISTORY_DAYS, historyBars, uptimePercent, type DayBar, type HistoryIncident } from "@/lib/domain/status/history";
import { isUpdateStatus, type Bilingual, type UpdateStatus } from "@/lib/domain/status/updates";
import { cachedSnapshot } from "./snapshot-cache";
import { listComponents } from "./components";

export interface PublicComponent {
  id: string;
  slug: string;
  name: Bilingual;
  state: ComponentState;
  history: DayBar[];
  uptime: number;
}

export interface PublicUpdate {
  id: string;
  status: UpdateStatus;
  body: Bilingual;
  publishedAt: string;
}

export interface PublicIncident {
  id: number;
  /** the public title, or null: the page then names the affected components instead */
  title: Bilingual | null;
  components: { componentId: string; impact: Impact }[];
  startedAt: string;
  updates: PublicUpdate[];
}

export interface PublicMaintenance {
  id: string;
  title: Bilingual;
  components: string[];
  startsAt: string;
  endsAt: string;
  active: boolean;
}

export interface PublicStatus {
  generatedAt: string;
  overall: ComponentState;
  components: PublicComponent[];
  incidents: PublicIncident[];
  maintenance: PublicMaintenance[];
}

const DAY_MS = 86_400_000;
const CHUNK = 500;

async function chunked<T>(ids: number[], read: (part: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

export function stringIds(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

async function loadStatus(now: Date): Promise<PublicStatus> {
  const components = await listComponents();
  const from = new Date(now.getTime() - (HISTORY_DAYS + 1) * DAY_MS);
  // every real incident that touched the history window (drills never go public)
  const incidents = await prisma.incident.findMany({
    where: { isDrill: false, startedAt: { lte: now }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }] },
    select: { id: true, status: true, startedAt: true, resolvedAt: true },
  });
  const ids = incidents.map((i) => i.id);
  const published = new Set(
    (
      await chunked(ids, (part) =>
        prisma.statusUpdate.findMany({ where: { incidentId: { in: part } }, distinct: ["incidentId"], select: { incidentId: true } }),
      )
    ).map((u) => u.incidentId),
  );
  const publicIds = ids.filter((id) => published.has(id));
  const links = await chunked(publicIds, (part) => prisma.incidentComponent.findMany({ where: { incidentId: { in: part } } }));
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const active = incidents.filter((i) => published.has(i.id) && i.status !== "resolved");
  const activeIds = new Set(active.map((i) => i.id));

  const windows = (
    await prisma.maintenanceWindow.findMany({ where: { cancelledAt: null, endsAt: { gt: now } }, orderBy: { startsAt: "asc" }, take: 50 })
  ).map((w) => ({ ...w, components: stringIds(w.components) }));
  const impacts = links
    .filter((l) => activeIds.has(l.incidentId) && isImpact(l.impact))
    .map((l) => ({ componentId: l.componentId, impact: l.impact as Impact }));
  const states = currentStates(
    components.map((c) => c.id),
    impacts,
    windows,
    now,
  );
  const history: HistoryIncident[] = links
    .filter((l) => isImpact(l.impact))
    .map((l) => ({
      componentId: l.componentId,
      impact: l.impact as Impact,
      startedAt: byId.get(l.incidentId)!.startedAt,
      resolvedAt: byId.get(l.incidentId)!.resolvedAt,
    }));
  const bars = historyBars(
    components.map((c) => c.id),
    history,
    now,
  );

  const activeList = [...activeIds];
  const [updates, titles] = await Promise.all([
    prisma.statusUpdate.findMany({ where: { incidentId: { in: activeList } }, orderBy: { publishedAt: "desc" } }),
    prisma.incidentPublicInfo.findMany({ where: { incidentId: { in: activeList } } }),
  ]);
  const publicIncidents: PublicIncident[] = active
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
    .map((i) => {
      const t = titles.find((x) => x.incidentId === i.id);
      return {
        id: i.id,
        title: t && (t.titleKo || t.titleEn) ? { ko: t.titleKo || t.titleEn, en: t.titleEn || t.titleKo } : null,
        components: links
          .filter((l) => l.incidentId === i.id && isImpact(l.impact))
          .map((l) => ({ componentId: l.componentId, impact: l.impact as Impact })),
        startedAt: i.startedAt.toISOString(),
        updates: updates
          .filter((u) => u.incidentId === i.id && isUpdateStatus(u.status))
          .map((u) => ({
            id: u.id,
            status: u.status as UpdateStatus,
            body: { ko: u.bodyKo, en: u.bodyEn },
            publishedAt: u.publishedAt.toISOString(),
          })),
      };
    });

  const list = components.map((c) => {
    const h = bars.get(c.id) ?? [];
    return {
      id: c.id,
      slug: c.slug,
      name: { ko: c.nameKo, en: c.nameEn },
      state: states.get(c.id) ?? "operational",
      history: h,
      uptime: uptimePercent(h),
    };
  });
  return {
    generatedAt: now.toISOString(),
    overall: overallState(list.map((c) => c.state)),
    components: list,
    incidents: publicIncidents,
    maintenance: windows.map((w) => ({
      id: w.id,
      title: { ko: w.titleKo, en: w.titleEn },
      components: w.components,
      startsAt: w.startsAt.toISOString(),
      endsAt: w.endsAt.toISOString(),
      active: windowActive(w, now),
    })),
  };
}

/** The public status, from the short-lived cache. */
export function publicStatus(): Promise<PublicStatus> {
  const now = clockNow();
  return cachedSnapshot("status", now.getTime(), () => loadStatus(now));
}

export interface FeedUpdate {
  id: string;
  incidentId: number;
  status: UpdateStatus;
  body: Bilingual;
  title: Bilingual | null;
  components: string[];
  publishedAt: Date;
}

/** The latest published updates for the Atom feeds (optionally those naming one component). */
export async function feedUpdates(componentId?: string, take = 50): Promise<FeedUpdate[]> {
  const now = clockNow();
  return cachedSnapshot(`feed:${componentId ?? ""}`, now.getTime(), async () => {
    const rows = await prisma.statusUpdate.findMany({ orderBy: { publishedAt: "desc" }, take: componentId ? 500 : take });
    const drills = new Set(
      (
        await prisma.incident.findMany({
          where: { id: { in: [...new Set(rows.map((r) => r.incidentId))] }, isDrill: true },
          select: { id: true },
        })
      ).map((i) => i.id),
    );
    const titles = await prisma.incidentPublicInfo.findMany({ where: { incidentId: { in: [...new Set(rows.map((r) => r.incidentId))] } } });
    return rows
      .filter((r) => !drills.has(r.incidentId) && isUpdateStatus(r.status))
      .map((r) => {
        const t = titles.find((x) => x.incidentId === r.incidentId);
        const components = (Array.isArray(r.components) ? r.components : []).flatMap((c) =>
          c && typeof c === "object" && "componentId" in c && typeof c.componentId === "string" ? [c.componentId] : [],
        );
        return {
          id: r.id,
          incidentId: r.incidentId,
          status: r.status as UpdateStatus,
          body: { ko: r.bodyKo, en: r.bodyEn },
          title: t && (t.titleKo || t.titleEn) ? { ko: t.titleKo || t.titleEn, en: t.titleEn || t.titleKo } : null,
          components,
          publishedAt: r.publishedAt,
        };
      })
      .filter((u) => !componentId || u.components.includes(componentId))
      .slice(0, take);
  });
}
