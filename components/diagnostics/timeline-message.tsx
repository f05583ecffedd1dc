"use client";
// Timeline entries of this feature read in the user's language, built from the event's data:
// "diagnostic" (one probe result) and "runbook" (a step ticked or reopened). Falls back to the
// recorded text for data it does not recognise.
import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/lib/i18n/locales";
import type { TimelineEventDto } from "@/lib/server/incident-dto";
import { isBuiltInPromData, probeSummaryText } from "@/lib/diagnostics/builtin-summary";
import { VerdictChip } from "./verdict-chip";

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const VERDICTS = ["ok", "warning", "critical", "error"] as const;
type V = (typeof VERDICTS)[number];

export function DiagnosticsTimelineMessage({ event }: { event: TimelineEventDto }) {
  const t = useTranslations("diagnostics.timeline");
  const locale = toLocale(useLocale());
  const data = (event.data ?? {}) as Data;
  if (event.kind === "diagnostic" && (VERDICTS as readonly string[]).includes(str(data.verdict))) {
    return (
      <span className="inline-flex flex-wrap items-center gap-1.5">
        <VerdictChip verdict={str(data.verdict) as V} small />
        <code className="text-xs">{str(data.probeId)}</code>
        {/* a built-in (simulated) answer is worded from its figures, in the reader's language */}
        <span data-builtin={isBuiltInPromData(data.builtIn) ? "true" : undefined}>
          {probeSummaryText({ summary: str(data.summary), data: data.builtIn }, locale)}
        </span>
      </span>
    );
  }
  if (event.kind === "runbook" && data.text && typeof data.text === "object") {
    const text = data.text as Data;
    const step = str(text[locale]) || str(text.en);
    return <>{str(data.action) === "untick" ? t("stepReopened", { step }) : t("stepDone", { step })}</>;
  }
  return <>{event.message}</>;
}
