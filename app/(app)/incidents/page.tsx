import Link from "next/link";
import { HydrationBoundary } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { firstPaintOfIncidentList } from "@/lib/server/first-paint";
import { IncidentList } from "@/components/incidents/incident-list";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const actor = await requireActor();
  const firstPaint = firstPaintOfIncidentList(); // read while the translations load
  const t = await getTranslations("incidents");
  const state = await firstPaint;
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
      <HydrationBoundary state={state}>
        <IncidentList />
      </HydrationBoundary>
    </div>
  );
}
