// Settings (admins): where the probes connect, per target kind: address with secrets masked, whether it
// is configured or the built-in local default, and a connection test. Configuration stays on the server
// (environment variables or DIAGNOSTICS_CONFIG); nothing here can change it.
import { getTranslations } from "next-intl/server";
import { describeConfiguredTargets } from "@/lib/server/diagnostics/targets";
import { TestConnectionButton } from "./test-connection-button";
import { DataTable } from "@/components/ui/data-table";

const CONFIGURED = "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200";
const UNCONFIGURED = "border border-dashed border-slate-400 text-slate-600 dark:text-slate-300";

export async function DiagnosticsSettingsSection() {
  const t = await getTranslations("diagnostics.settings");
  const { items, problem } = describeConfiguredTargets();
  return (
    <section className="panel space-y-3 p-4" data-testid="diagnostics-settings" id="diagnostics-settings">
      <h2 className="font-semibold">{t("title")}</h2>
      <p className="text-xs text-slate-500">{t("help")}</p>
      {problem && (
        <p
          role="status"
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
        >
          {t("configProblem", { problem })}
        </p>
      )}
      <DataTable
        uppercase={false}
        cell="pr-3"
        head={[{ label: t("kind"), cell: "py-1 pr-3" }, t("address"), t("state"), { label: t("test"), cell: "" }]}
      >
        {items.map((target) => (
          <tr
            key={`${target.kind}:${target.name}`}
            className="border-t border-slate-100 align-top dark:border-slate-800"
            data-testid={`target-${target.kind}-${target.name}`}
          >
            <td className="py-1.5 pr-3">
              <span className="font-medium">{t(`kinds.${target.kind}`)}</span>
              {target.name !== "default" && <span className="ml-1 text-xs text-slate-500">({target.name})</span>}
            </td>
            <td className="pr-3">
              <code className="break-all font-mono text-xs" data-testid={`target-address-${target.kind}`}>
                {target.address}
              </code>
              {Object.keys(target.details).length > 0 && (
                <p className="text-xs text-slate-500">
                  {Object.entries(target.details)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(" · ")}
                </p>
              )}
            </td>
            <td className="pr-3">
              <span
                className={`whitespace-nowrap rounded px-1.5 text-xs ${target.configured ? CONFIGURED : UNCONFIGURED}`}
                data-testid={`target-state-${target.kind}`}
                data-configured={String(target.configured)}
              >
                {target.configured ? t("configured") : t("unconfigured")}
              </span>
            </td>
            <td className="py-1">
              <TestConnectionButton kind={target.kind} name={target.name} />
            </td>
          </tr>
        ))}
      </DataTable>
      <p className="text-xs text-slate-500">{t("envHelp")}</p>
    </section>
  );
}
