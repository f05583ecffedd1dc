// The manual's six scenarios as a table: section, title, typical severity, symptoms and how many probes
// the diagnostics can run. Server component.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import type { RunbookSummaryDto } from "@/lib/server/diagnostics/runbook-dto";

export async function RunbookList({ items, locale }: { items: RunbookSummaryDto[]; locale: "ko" | "en" }) {
  const t = await getTranslations("diagnostics.runbook");
  return (
    <div className="panel overflow-x-auto">
      <table className="w-full text-sm" data-testid="runbook-list">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="px-3 py-2">{t("colSection")}</th>
            <th className="px-3 py-2">{t("colScenario")}</th>
            <th className="px-3 py-2">{t("colSeverity")}</th>
            <th className="px-3 py-2">{t("colSymptoms")}</th>
            <th className="px-3 py-2 text-right">{t("colProbes")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.slug} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid={`runbook-row-${r.slug}`}>
              <td className="px-3 py-2 tabular-nums text-slate-500">{r.section}</td>
              <td className="px-3 py-2">
                <Link href={`/runbooks/${r.slug}`} className="font-medium text-blue-700 underline dark:text-blue-400">
                  {r.title[locale]}
                </Link>
              </td>
              <td className="px-3 py-2">
                <SeverityBadge severity={r.typicalSeverity} title={t("typicalSeverity")} />
              </td>
              <td className="px-3 py-2">
                <ul className="list-disc space-y-0.5 pl-4 text-slate-700 dark:text-slate-300">
                  {r.symptoms.map((s) => (
                    <li key={s.en}>{s[locale]}</li>
                  ))}
                </ul>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{r.probes.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
