"use client";
import { useTranslations } from "next-intl";
import type { TimelineEventDto } from "@/lib/server/incident-dto";
import { EscalationMessage } from "@/components/escalations/timeline-message";
import { DiagnosticsTimelineMessage } from "@/components/diagnostics/timeline-message";
import { LinkedText } from "@/components/ui/linked-text";

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * The incident's own changes read in the user's language (built from the event's data); other
 * events (notes, features' entries) show their recorded text as written.
 */
export function TimelineMessage({ event }: { event: TimelineEventDto }) {
  const t = useTranslations();
  const data = (event.data ?? {}) as Data;
  const status = (s: unknown) => (["investigating", "identified", "mitigated", "resolved"].includes(str(s)) ? t(`status.${str(s)}`) : str(s));
  const reason = str(data.reason) ? ` · ${t("timeline.reason", { reason: str(data.reason) })}` : "";
  switch (event.kind) {
    case "declared":
      if (!str(data.title)) break;
      return <>{t("timeline.declared", { severity: str(data.severity), title: str(data.title) })}</>;
    case "status":
      return <>{t("timeline.status", { from: status(data.from), to: status(data.to) })}{reason}</>;
    case "resolved":
      return <>{t("timeline.resolved", { from: status(data.from) })}{reason}</>;
    case "reopened":
      return <>{t("timeline.reopened")}{reason}</>;
    case "severity":
      return <>{t("timeline.severity", { from: str(data.from), to: str(data.to) })}{reason}</>;
    case "commander":
      if (data.to && !str(data.name)) break;
      return <>{data.to ? t("timeline.commander", { name: str(data.name) }) : t("timeline.commanderNone")}</>;
    case "escalated":
    case "escalation-ack":
    case "notification-failed":
      return <EscalationMessage event={event} />;
    case "diagnostic":
    case "runbook":
      return <DiagnosticsTimelineMessage event={event} />;
  }
  return <LinkedText text={event.message} />;
}
