// Settings (admins only): the recovery checks of manual section 4 and where they connect. Targets come
// from server configuration (ACTUATOR_URL, RECOVERY_MYSQL_URL, RECOVERY_PG_URL), shown without
// credentials, never editable here. Each SQL account's grants are inspected on every visit: checks
// refuse to run as an account that can write, touch files, change settings or read credentials.
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { databaseName, describeHttp, describeSql, recoveryConfig, type RecoveryConfig } from "@/lib/server/postmortems/recovery-config";
import { inspectSqlAccount } from "@/lib/server/postmortems/recovery-sql";
import { ACCOUNT_URL_ENV, groupProblems, readOnlyAccountSql, type SqlDialect } from "@/lib/domain/recovery-account";
import { RecoveryChecksEditor } from "./recovery-checks-editor";

type AccountState =
  | { dialect: SqlDialect; state: "unset" }
  | { dialect: SqlDialect; state: "error"; target: string; error: string }
  | { dialect: SqlDialect; state: "checked"; target: string; user: string; problems: ReturnType<typeof groupProblems>; fix: string };

async function accountState(dialect: SqlDialect, url: string | null, timeoutMs: number): Promise<AccountState> {
  if (url === null) return { dialect, state: "unset" };
  const target = describeSql(url);
  const inspected = await inspectSqlAccount(dialect, url, timeoutMs);
  if (!inspected.ok) return { dialect, state: "error", target, error: inspected.error };
  return {
    dialect,
    state: "checked",
    target,
    user: inspected.verdict.user,
    problems: groupProblems(inspected.verdict.problems),
    fix: readOnlyAccountSql(dialect, databaseName(url)),
  };
}

export async function PostmortemsSettingsSection() {
  const t = await getTranslations("postmortems.checks");
  let targets: { http: string; timeoutMs: number; config: RecoveryConfig } | { error: string };
  try {
    const config = recoveryConfig();
    targets = { http: describeHttp(config.actuatorUrl), timeoutMs: config.timeoutMs, config };
  } catch (error) {
    targets = { error: error instanceof Error ? error.message : String(error) };
  }
  return (
    <section className="panel space-y-3 p-4" aria-labelledby="recovery-checks-heading" data-testid="recovery-settings">
      <h2 id="recovery-checks-heading" className="font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-500">{t("intro")}</p>
      {"error" in targets ? (
        <p className="text-sm text-red-600" role="alert">
          {t("configError", { message: targets.error })}
        </p>
      ) : (
        <>
          <p className="text-sm">
            {t("targets")} <code className="text-xs">{targets.http}</code> · {t("timeout", { ms: targets.timeoutMs })}
          </p>
          {/* Inspecting the accounts takes a round trip to each database: the rest of Settings does not wait. */}
          <Suspense fallback={<p className="text-sm text-slate-500">{t("loading")}</p>}>
            <Accounts config={targets.config} />
          </Suspense>
        </>
      )}
      <RecoveryChecksEditor />
    </section>
  );
}

async function Accounts({ config }: { config: RecoveryConfig }) {
  const accounts = await Promise.all([
    accountState("mysql", config.mysqlUrl, config.timeoutMs),
    accountState("postgresql", config.pgUrl, config.timeoutMs),
  ]);
  return (
    <ul className="space-y-2 text-sm" data-testid="recovery-accounts">
      {accounts.map((a) => (
        <AccountRow key={a.dialect} account={a} />
      ))}
    </ul>
  );
}

async function AccountRow({ account }: { account: AccountState }) {
  const t = await getTranslations("postmortems.account");
  const product = t(`product.${account.dialect}`);
  const env = ACCOUNT_URL_ENV[account.dialect];
  if (account.state === "unset") {
    return (
      <li data-testid={`recovery-account-${account.dialect}`} data-state="unset" className="text-slate-500">
        {t("unset", { product, env })}
      </li>
    );
  }
  if (account.state === "error") {
    return (
      <li data-testid={`recovery-account-${account.dialect}`} data-state="error" className="text-red-700 dark:text-red-400" role="alert">
        {t("unreachable", { product, target: account.target, error: account.error })}
      </li>
    );
  }
  if (account.problems.length === 0) {
    return (
      <li data-testid={`recovery-account-${account.dialect}`} data-state="ok" className="text-emerald-700 dark:text-emerald-400">
        ✓ {t("ok", { product, target: account.target, user: account.user })}
      </li>
    );
  }
  return (
    <li
      data-testid={`recovery-account-${account.dialect}`}
      data-state="refused"
      className="space-y-1 rounded border border-red-300 bg-red-50 p-2 dark:border-red-800 dark:bg-red-950"
      role="alert"
    >
      <p className="font-medium text-red-800 dark:text-red-200">{t("refused", { product, target: account.target, user: account.user })}</p>
      <ul className="list-disc pl-5 text-red-800 dark:text-red-200">
        {account.problems.map((g) => (
          <li key={g.kind} data-kind={g.kind}>
            {t(`kind.${g.kind}`)}:{" "}
            <code className="break-all text-xs">
              {g.details.slice(0, 6).join(", ")}
              {g.details.length > 6 ? ", …" : ""}
            </code>
          </li>
        ))}
      </ul>
      <p className="text-slate-700 dark:text-slate-300">{t("fix", { env })}</p>
      <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{account.fix}</pre>
    </li>
  );
}
