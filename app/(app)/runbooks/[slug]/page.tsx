import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/lib/i18n/locales";
import { requireActor } from "@/lib/server/session";
import { findIncidentHeader } from "@/lib/server/incident-lookup";
import { can } from "@/lib/domain/roles";
import { findRunbook } from "@/lib/domain/runbooks";
import { findScenario, isScenarioSlug } from "@/lib/domain/scenarios";
import { isSeverity } from "@/lib/domain/severity";
import { listProbes } from "@/lib/diagnostics";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { RunbookView } from "@/components/runbooks/runbook-view";

export const metadata = { title: "Runbook" };

export default async function RunbookPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ incident?: string | string[] }>;
}) {
  const { slug } = await params;
  const runbook = findRunbook(slug);
  if (!runbook || !isScenarioSlug(slug)) notFound();
  const actor = await requireActor();
  const t = await getTranslations("diagnostics.runbook");
  const locale = toLocale(await getLocale());
  const raw = (await searchParams).incident;
  const incidentParam = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const incident = incidentParam === null ? null : await findIncidentHeader(incidentParam);
  const scenario = findScenario(slug);
  const probeTitles = Object.fromEntries(listProbes().map((p) => [p.id, p.title[locale]]));

  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link href="/runbooks" className="text-blue-700 underline dark:text-blue-400">
          ← {t("listTitle")}
        </Link>
      </nav>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="tabular-nums text-slate-500">{runbook.section}</span>
          <h1 className="text-xl font-semibold" data-testid="runbook-title">
            {runbook.title[locale]}
          </h1>
          {scenario && <SeverityBadge severity={scenario.typicalSeverity} title={t("typicalSeverity")} />}
          {runbook.respondWithinMinutes !== undefined && (
            <span className="text-xs text-slate-500">{t("respondWithin", { minutes: runbook.respondWithinMinutes })}</span>
          )}
        </div>
        <p className="text-xs text-slate-500">{t("neverExecuted")}</p>
        {incidentParam !== null && !incident && (
          <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
            {t("incidentMissing", { id: incidentParam })}
          </p>
        )}
        {incident && (
          <div
            className="flex flex-wrap items-center gap-2 rounded border border-blue-300 bg-blue-50 p-2 text-sm text-blue-950 dark:border-blue-800 dark:bg-blue-950/40 dark:text-blue-100"
            data-testid="runbook-incident"
          >
            {isSeverity(incident.severity) && <SeverityBadge severity={incident.severity} />}
            <Link href={`/incidents/${incident.id}`} className="font-medium underline">
              #{incident.id} {incident.title}
            </Link>
            <span>{t("forIncident")}</span>
            {incident.scenario !== slug && <span className="text-amber-800 dark:text-amber-300">{t("otherScenario")}</span>}
          </div>
        )}
        {!incident && <p className="text-xs text-slate-500">{t("adHoc")}</p>}
      </header>
      <RunbookView
        slug={slug}
        locale={locale}
        incidentId={incident?.id ?? null}
        probeTitles={probeTitles}
        canRun={can(actor.role, "diagnostics.run")}
        canTick={can(actor.role, "incident.update")}
        me={actor.label}
      />
    </div>
  );
}
