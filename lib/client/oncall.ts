// Fetchers of the on-call screens (schedules, who is on call, my shifts).
import { apiFetch } from "./api";
import type { OnCallSummaryItem } from "@/lib/server/oncall/queries";
import type { ScheduleDto } from "@/lib/server/oncall/store";

export type { OnCallSummaryItem, ScheduleDto };

export interface MyShift {
  role: string;
  scheduleId: string | null;
  start: string;
  end: string;
  override: boolean;
  /** the deactivated member whose slot this shift covers */
  covering: { id: string; name: string | null } | null;
}

export const fetchOnCallSummary = (signal?: AbortSignal) =>
  apiFetch<{ at: string; items: OnCallSummaryItem[] }>("/api/v1/oncall/summary", { signal });
export const fetchSchedules = (signal?: AbortSignal) => apiFetch<{ items: ScheduleDto[] }>("/api/v1/schedules", { signal });
export const fetchSchedule = (id: string, signal?: AbortSignal) =>
  apiFetch<ScheduleDto>(`/api/v1/schedules/${encodeURIComponent(id)}`, { signal });
export const fetchMyShifts = (signal?: AbortSignal) =>
  apiFetch<{ from: string; to: string; items: MyShift[] }>("/api/v1/me/shifts", { signal });
