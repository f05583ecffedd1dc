import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { IncidentList } from "@/components/incidents/incident-list";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const actor = await requireActor();
  const t = await getTranslations("incidents");
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {can(actor.role, "incident.declare") && (
          <Link href="/incidents/new" className="btn-primary" data-testid="declare-button">
            {t("declare")}
          </Link>
        )}
      </div>
      <IncidentList />
    </div>
  );
}
