"use client";
import { useTranslations } from "next-intl";
import type { TimelineEventDto } from "@/lib/server/incident-dto";
import { CONTACT_ROLES } from "@/lib/domain/contacts";
import { REASON_KEYS } from "./step-list";
import { ACK_VIAS } from "@/lib/domain/reach/ack-via";

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" ? v : 0);

/** The escalation feature's timeline entries in the user's language (the recorded English text otherwise). */
export function EscalationMessage({ event }: { event: TimelineEventDto }) {
  const t = useTranslations();
  const data = (event.data ?? {}) as Data;
  const role = (CONTACT_ROLES as readonly string[]).includes(str(data.role)) ? t(`contacts.${str(data.role)}`) : "";
  switch (event.kind) {
    case "escalated": {
      if (!role) break;
      const minutes = Math.floor(num(data.lateByMs) / 60_000);
      const head =
        num(data.round) > 0
          ? t("escalations.timeline.reminder", { role, round: num(data.round) })
          : minutes > 0
            ? t("escalations.timeline.escalatedLate", { role, minutes })
            : t("escalations.timeline.escalated", { role });
      const gaps = Array.isArray(data.unreachable) ? (data.unreachable as Data[]) : [];
      // the planner's reasons are stable English phrases: the known ones in the reader's language
      const reason = (r: string) => (REASON_KEYS[r] ? t(`escalations.reason.${REASON_KEYS[r]}`) : r);
      const list = [...new Set(gaps.map((u) => `${t(`escalations.channel.${str(u.channel)}`)}: ${reason(str(u.reason))}`))].join("; ");
      return (
        <>
          {head}
          {list && ` · ${t("escalations.timeline.unreachable", { list })}`}
        </>
      );
    }
    case "escalation-ack": {
      if (!role) break;
      const name = str(data.by) || event.actorName;
      const via = str(data.via);
      // acknowledged from a page (email link, Slack button, SMS reply…) says which one
      if (via && via !== "app" && (ACK_VIAS as readonly string[]).includes(via))
        return <>{t("escalations.timeline.ackVia", { role, name, via: t(`reach.via.${via}`) })}</>;
      return <>{t("escalations.timeline.ack", { role, name })}</>;
    }
    case "notification-failed":
      if (!str(data.channel)) break;
      return (
        <>
          {t("escalations.timeline.notificationFailed", {
            channel: t(`escalations.channel.${str(data.channel)}`),
            attempts: num(data.attempts),
            error: str(data.error),
          })}
        </>
      );
  }
  return <>{event.message}</>;
}
