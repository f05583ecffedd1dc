import { notFound } from "next/navigation";
import { HydrationBoundary } from "@tanstack/react-query";
import { getLocale } from "next-intl/server";
import { toLocale } from "@/lib/i18n/locales";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { incidentExists } from "@/lib/server/incident-lookup";
import { firstPaintOfIncident } from "@/lib/server/first-paint";
import { IncidentRoom } from "@/components/incidents/incident-room";

export const metadata = { title: "Incident room" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  if (!(await incidentExists(Number(id)))) notFound();
  const actor = await requireActor();
  const locale = toLocale(await getLocale());
  // the first paint carries the incident, its newest timeline page and its escalation schedule
  const state = await firstPaintOfIncident(actor, Number(id));
  return (
    <HydrationBoundary state={state}>
      <IncidentRoom
        id={Number(id)}
        locale={locale}
        me={actor.userId}
        role={actor.role}
        permissions={{
          update: can(actor.role, "incident.update"),
          assign: can(actor.role, "incident.assignCommander"),
          note: can(actor.role, "incident.note"),
        }}
      />
    </HydrationBoundary>
  );
}
