"use client";
// The incident room's postmortem slot: recovery verification before resolving (manual section 4), then
// the way to the postmortem (manual section 5): open it, or write it prefilled from this incident.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { TitledPanel } from "@/components/ui/panel";
import { can } from "@/lib/domain/roles";
import type { RoomSlotProps } from "@/components/incidents/room-slot-props";
import { fetchIncidentPostmortem, pmKeys } from "./api";
import { RecoveryPanel } from "./recovery-panel";
import { WritePostmortemButton } from "./write-button";
import { QueryState } from "@/components/ui/query-state";

export function PostmortemRoomPanel(props: RoomSlotProps) {
  return (
    <>
      <RecoveryPanel {...props} />
      <PostmortemLink {...props} />
    </>
  );
}

function PostmortemLink({ incident, role }: RoomSlotProps) {
  const t = useTranslations("postmortems");
  const query = useQuery({
    queryKey: pmKeys.ofIncident(incident.id),
    queryFn: ({ signal }) => fetchIncidentPostmortem(incident.id, signal),
  });
  const resolved = incident.status === "resolved";
  // Same rule as the server: resolved incidents by any editor, open ones by a commander or an admin.
  const mayWrite = can(role, "postmortem.edit") && (resolved || role === "commander" || role === "admin");
  return (
    <TitledPanel id="pm-heading" title={t("room.title")} look="room" className="panel space-y-2 p-3 text-sm" testId="postmortem-room-panel">
      <QueryState query={query} look="room" words={{ loading: t("loading") }}>
        {({ postmortem }) =>
          postmortem ? (
            <Link className="btn w-full" href={`/postmortems/${postmortem.id}`} data-testid="open-postmortem">
              {t("room.open", { status: t(`status.${postmortem.status}`) })}
            </Link>
          ) : mayWrite ? (
            <>
              {!resolved && <p className="text-xs text-slate-500">{t("room.early")}</p>}
              <WritePostmortemButton incidentId={incident.id} className={resolved ? "btn-primary w-full" : "btn w-full"} />
            </>
          ) : (
            <p className="text-slate-500" data-testid="postmortem-not-yet">
              {resolved ? t("room.none") : t("room.afterResolve")}
            </p>
          )
        }
      </QueryState>
    </TitledPanel>
  );
}
