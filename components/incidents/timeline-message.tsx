"use client";
import { useLocale, useTranslations } from "next-intl";
import type { TimelineEventDto } from "@/lib/server/incident-dto";
import { EscalationMessage } from "@/components/escalations/timeline-message";
import { DiagnosticsTimelineMessage } from "@/components/diagnostics/timeline-message";
import { LinkedText } from "@/components/ui/linked-text";
import { incidentChangeText, systemEventText } from "@/lib/domain/timeline-text";
import { useClockTime } from "@/components/ui/absolute-time";
import { toLocale } from "@/lib/i18n/locales";

/**
 * The incident's own changes, alert rows and recovery verifications read in the user's language and clock
 * (built from the event's data); other events (notes, older rows) show their recorded text as written.
 */
export function TimelineMessage({ event }: { event: TimelineEventDto }) {
  const t = useTranslations();
  const locale = toLocale(useLocale());
  const clock = useClockTime();
  switch (event.kind) {
    case "escalated":
    case "escalation-ack":
    case "notification-failed":
      return <EscalationMessage event={event} />;
    case "diagnostic":
    case "runbook":
      return <DiagnosticsTimelineMessage event={event} />;
  }
  const system = systemEventText(event, t, clock, locale);
  if (system !== null) {
    const chart = (event.data as { chart?: unknown } | null)?.chart;
    return (
      <>
        {system}
        {typeof chart === "string" && chart.startsWith("/metrics?") && (
          <>
            {" · "}
            <a className="text-blue-700 underline dark:text-blue-400" href={chart}>
              {t("timeline.chart")}
            </a>
          </>
        )}
      </>
    );
  }
  const text = incidentChangeText(event, t);
  return text === null ? <LinkedText text={event.message} /> : <>{text}</>;
}
