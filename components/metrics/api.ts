"use client";
// Browser side of the metrics feature: fetchers (passing react-query's signal), a query-key factory
// and the mutations' calls. Server times come with every answer (`now`): durations on the panel are
// computed against the server's clock, not the browser's.
import { apiFetch } from "@/lib/client/api";
import type { AlertsDto, ExternalAlertDto } from "@/lib/server/alerts/read-model";
import type { MetricsDto, RangeKey } from "@/lib/server/metrics/panel";
import type { DrillDto } from "@/lib/server/alerts/drills";
import type { IncidentDto } from "@/lib/server/incident-dto";

export type { AlertsDto, MetricsDto, RangeKey, DrillDto };
export type { RuleStateDto, ExternalAlertDto, RuleAlertDto } from "@/lib/server/alerts/read-model";
export type { SignalSeriesDto } from "@/lib/server/metrics/panel";

export { RANGE_OPTIONS } from "./ranges";
/** The manual's "updates live": every answer is at most this old (the alerts topic refreshes sooner). */
export const LIVE_REFETCH_MS = 5_000;

import { metricsKeys } from "@/lib/client/query-keys";
export { metricsKeys };

export type Fetched<T> = T & { fetchedAt: number };

export async function fetchAlerts(signal?: AbortSignal): Promise<Fetched<AlertsDto>> {
  return { ...(await apiFetch<AlertsDto>("/api/v1/alerts", { signal })), fetchedAt: Date.now() };
}

/** The next page of firing Alertmanager alerts after `cursor`. */
export function fetchExternalPage(cursor: string) {
  return apiFetch<{ items: ExternalAlertDto[]; nextCursor: string | null; total: number }>(
    `/api/v1/alerts/external?status=firing&limit=100&cursor=${encodeURIComponent(cursor)}`,
  );
}

export async function fetchSeries(range: RangeKey, signal?: AbortSignal): Promise<Fetched<MetricsDto>> {
  return { ...(await apiFetch<MetricsDto>(`/api/v1/metrics?range=${range}`, { signal })), fetchedAt: Date.now() };
}

export async function fetchDrills(signal?: AbortSignal): Promise<DrillDto[]> {
  return (await apiFetch<{ items: DrillDto[] }>("/api/v1/drills", { signal })).items;
}

export function openIncidentFrom(target: { alertId: string } | { fingerprint: string }) {
  return apiFetch<{ incident: IncidentDto; created: boolean }>("/api/v1/alerts/open", { method: "POST", json: target });
}

export function startDrill(scenario: string) {
  return apiFetch<DrillDto>("/api/v1/drills", { method: "POST", json: { scenario } });
}

export function endDrill(id: string) {
  return apiFetch<DrillDto>(`/api/v1/drills/${encodeURIComponent(id)}/end`, { method: "POST" });
}

export function saveAutoOpen(autoOpen: boolean) {
  return apiFetch<{ autoOpen: boolean }>("/api/v1/alerts/settings", { method: "PUT", json: { autoOpen } });
}

/** The server's "now" for an answer fetched at `fetchedAt`, advanced by the browser's elapsed time. */
export function serverNow(data: { now: string; fetchedAt: number }, browserNow: number): number {
  return Date.parse(data.now) + (browserNow - data.fetchedAt);
}

/** Which change-bus topics refresh which queries. */
export function keysForTopic(topic: string) {
  if (topic === "drills") return [metricsKeys.drills, metricsKeys.alerts];
  return [metricsKeys.alerts];
}
