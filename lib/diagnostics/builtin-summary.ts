// The built-in (simulated) Prometheus answer in the reader's language. Pure and free of server code, so the
// incident room, the timeline and the postmortem prefill all word it the same way.
import type { Locale } from "@/lib/i18n/locales";
import type { SignalId } from "@/lib/domain/alert-rules";
import type { Comparator } from "./types";

/** What a built-in answer records as its data; `source` tells every reader the figures are simulated. */
export interface BuiltInPromData {
  source: "simulator";
  signal: SignalId;
  /** seconds */
  value: number;
  comparator: Comparator;
  warning?: number;
  critical?: number;
  /** the PromQL a configured Prometheus would have run */
  query: string;
  /** every signal at the same instant, for the raw data view */
  signals: Record<string, number>;
  /** epoch ms the values are for */
  at: number;
}

export function isBuiltInPromData(data: unknown): data is BuiltInPromData {
  if (typeof data !== "object" || data === null) return false;
  const d = data as Record<string, unknown>;
  return d.source === "simulator" && typeof d.value === "number" && typeof d.comparator === "string";
}

const TEXT = {
  value: { ko: "p95 응답시간", en: "p95 response time" },
  warning: { ko: "주의 기준", en: "warning" },
  critical: { ko: "심각 기준", en: "critical" },
  label: { ko: "시뮬레이터", en: "simulated" },
  source: {
    ko: "내장 시뮬레이터의 수치입니다 (Prometheus가 설정되지 않음)",
    en: "figures from the built-in simulator (no Prometheus configured)",
  },
} as const;

const seconds = (v: number) => `${Number.isFinite(v) ? Math.round(v * 100) / 100 : v} s`;

/** "p95 응답시간 0.23 s (주의 기준 > 1 s)". */
export function builtInValueText(d: BuiltInPromData, locale: Locale): string {
  const which = d.critical !== undefined ? "critical" : d.warning !== undefined ? "warning" : null;
  const limit = which === "critical" ? d.critical : which === "warning" ? d.warning : undefined;
  const threshold = which && limit !== undefined ? ` (${TEXT[which][locale]} ${d.comparator} ${seconds(limit)})` : "";
  return `${TEXT.value[locale]} ${seconds(d.value)}${threshold}`;
}

/** The short tag of a simulated answer: 시뮬레이터 / simulated. */
export function builtInSourceLabel(locale: Locale): string {
  return TEXT.label[locale];
}

/** Where the figures come from, in plain words. */
export function builtInSourceText(locale: Locale): string {
  return TEXT.source[locale];
}

/** A probe's one-line summary for a reader: the built-in answer in their language, any other as recorded. */
export function probeSummaryText(run: { summary: string; data?: unknown }, locale: Locale): string {
  if (!isBuiltInPromData(run.data)) return run.summary;
  return `${builtInValueText(run.data, locale)} — ${builtInSourceText(locale)}`;
}
