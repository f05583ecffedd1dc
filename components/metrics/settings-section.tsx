// Settings (admins): where the metrics come from, how the rules are evaluated, the Alertmanager
// webhook, the rules export, and the choice between automatic and one-click incidents.
import { getTranslations } from "next-intl/server";
import { alertsConfig, AlertsConfigError } from "@/lib/server/alerts/config";
import { getAlertSettings } from "@/lib/server/alerts/settings";
import { redactUrl } from "@/lib/metrics/prometheus";
import { AutoOpenToggle } from "./auto-open-toggle";

export async function MetricsSettingsSection() {
  const t = await getTranslations("metrics.settings");
  let config;
  try {
    config = alertsConfig();
  } catch (error) {
    if (!(error instanceof AlertsConfigError)) throw error;
    return (
      <section className="panel space-y-2 p-4" data-testid="metrics-settings">
        <h2 className="font-semibold">{t("title")}</h2>
        <p className="text-sm text-red-600 dark:text-red-400" role="alert">
          {error.message}
        </p>
      </section>
    );
  }
  const settings = await getAlertSettings();
  const rows: [string, string][] = [
    [
      t("source"),
      config.source === "prometheus" && config.prometheus
        ? `Prometheus · ${redactUrl(config.prometheus.baseUrl)}`
        : t("simulator", { seed: config.simulatorSeed }),
    ],
    [t("interval"), t("seconds", { s: config.intervalMs / 1000 })],
    [t("engine"), config.engineDisabled ? t("engineOff") : t("engineOn")],
    [t("webhook"), config.alertmanagerToken ? t("webhookOn") : t("webhookOff")],
  ];
  return (
    <section className="panel space-y-3 p-4" data-testid="metrics-settings">
      <h2 className="font-semibold">{t("title")}</h2>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500">{t("envHint")}</p>
      <AutoOpenToggle initial={settings.autoOpen} fromDefault={settings.autoOpenFrom === "default"} />
      <p className="text-sm">
        <a className="text-blue-700 underline dark:text-blue-400" href="/api/v1/metrics/rules.yml" download>
          {t("export")}
        </a>{" "}
        <span className="text-xs text-slate-500">{t("exportHint")}</span>
      </p>
    </section>
  );
}
