import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { prisma } from "@/lib/server/db";
import { IncidentRoom } from "@/components/incidents/incident-room";

export const metadata = { title: "Incident room" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const exists = await prisma.incident.findUnique({ where: { id: Number(id) }, select: { id: true } });
  if (!exists) notFound();
  const actor = await requireActor();
  const locale = (await getLocale()) === "en" ? "en" : "ko";
  return (
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
  );
}
