import "server-only";
// The report's 검증 (verification) field answers "how was the recovery confirmed?": the recovery
// verification runs (manual section 4) are that evidence, so the latest run is prefilled there with a
// link to its timeline event, next to the diagnostics the domain prefill already places after recovery.
import type { Locale } from "@/lib/i18n/locales";
import type { PrefillFact } from "@/lib/domain/postmortem/prefill";
import type { PostmortemSections } from "@/lib/domain/postmortem/template";
import { formatDateTime } from "@/lib/domain/postmortem/time";
import { verdictOnly } from "@/lib/domain/recovery-results";

export interface RecoveryRunRow {
  batchId: string;
  checkId: string;
  title: string;
  ok: boolean;
  summary: string;
  /** the raw result; only its verdict goes into the report (a postmortem is read by every role) */
  data: unknown;
  ranAt: Date;
  actorName: string;
}

const T = {
  label: { ko: "복구 검증", en: "Recovery verification" },
  passed: { ko: "통과", en: "passed" },
  failed: { ko: "실패", en: "failed" },
  earlier: {
    ko: (n: number) => `(그 전 실행 ${n}회는 장애 화면에 기록됨)`,
    en: (n: number) => `(${n} earlier run(s) are in the incident room)`,
  },
};

/** Adds the latest recovery batch to the verification field and the facts; returns new values. */
export function withRecoveryVerification(
  prefill: { sections: PostmortemSections; facts: PrefillFact[] },
  runs: readonly RecoveryRunRow[],
  timeline: readonly { id: string; kind: string; data: unknown }[],
  incidentId: number,
  locale: Locale,
): { sections: PostmortemSections; facts: PrefillFact[] } {
  if (runs.length === 0) return prefill;
  const sorted = [...runs].sort((a, b) => a.ranAt.getTime() - b.ranAt.getTime());
  const latest = sorted[sorted.length - 1];
  const batch = sorted.filter((r) => r.batchId === latest.batchId);
  const batches = new Set(sorted.map((r) => r.batchId)).size;
  const passed = batch.filter((r) => r.ok).length;
  const verdict = passed === batch.length ? T.passed[locale] : T.failed[locale];
  const head = `${T.label[locale]} (${formatDateTime(latest.ranAt)}, ${latest.actorName}): ${passed}/${batch.length} ${verdict}${batches > 1 ? ` ${T.earlier[locale](batches - 1)}` : ""}`;
  const lines = batch.map(
    (r) => `- [${r.ok ? T.passed[locale] : T.failed[locale]}] ${r.title} — ${verdictOnly(r, locale).summary.replace(/\s+/g, " ")}`,
  );
  const block = [head, ...lines].join("\n");
  const existing = prefill.sections.verification?.trim();
  const event = timeline.find(
    (e) =>
      e.kind === "recovery" &&
      typeof e.data === "object" &&
      e.data !== null &&
      (e.data as { batchId?: unknown }).batchId === latest.batchId,
  );
  const fact: PrefillFact = {
    key: `recovery:${latest.batchId}`,
    label: T.label,
    value: `${passed}/${batch.length} ${verdict} (${formatDateTime(latest.ranAt)})`,
    field: "verification",
    source: event ? { kind: "timeline", id: event.id } : { kind: "incident", id: String(incidentId) },
  };
  return { sections: { ...prefill.sections, verification: existing ? `${existing}\n\n${block}` : block }, facts: [...prefill.facts, fact] };
}
