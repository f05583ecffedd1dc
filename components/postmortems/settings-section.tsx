// Settings (admins only): the recovery checks of manual section 4 and where they connect. Targets come
// from server configuration (ACTUATOR_URL, MYSQL_URL), shown without credentials, never editable here.
import { getTranslations } from "next-intl/server";
import { describeHttp, describeMysql, recoveryConfig } from "@/lib/server/postmortems/recovery-config";
import { RecoveryChecksEditor } from "./recovery-checks-editor";

export async function PostmortemsSettingsSection() {
  const t = await getTranslations("postmortems.checks");
  let targets: { http: string; mysql: string; timeoutMs: number } | { error: string };
  try {
    const config = recoveryConfig();
    targets = { http: describeHttp(config.actuatorUrl), mysql: describeMysql(config.mysqlUrl), timeoutMs: config.timeoutMs };
  } catch (error) {
    targets = { error: error instanceof Error ? error.message : String(error) };
  }
  return (
    <section className="panel space-y-3 p-4" aria-labelledby="recovery-checks-heading" data-testid="recovery-settings">
      <h2 id="recovery-checks-heading" className="font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-500">{t("intro")}</p>
      {"error" in targets ? (
        <p className="text-sm text-red-600" role="alert">{t("configError", { message: targets.error })}</p>
      ) : (
        <p className="text-sm">
          {t("targets")} <code className="text-xs">{targets.http}</code> · <code className="text-xs">{targets.mysql}</code> · {t("timeout", { ms: targets.timeoutMs })}
        </p>
      )}
      <RecoveryChecksEditor />
    </section>
  );
}
