import "server-only";
import { accountRefusalText } from "@/lib/domain/recovery-account";
import { describeSql, recoveryConfig } from "./recovery-config";
import { inspectSqlAccount } from "./recovery-sql";

/** Background work of this feature, started once per server instance (instrumentation.ts). */
export async function startPostmortemTasks(): Promise<void> {
  // The SQL-check accounts are inspected at start so an over-privileged one shows up in the log at once
  // (Settings shows the same, and every run inspects again before sending a query). Not awaited: a
  // database that is down must not hold up the server.
  void reportSqlAccounts().catch((error: unknown) => console.error("[recovery] account inspection failed", error));
}

async function reportSqlAccounts(): Promise<void> {
  const config = recoveryConfig();
  for (const [dialect, url] of [
    ["mysql", config.mysqlUrl],
    ["postgresql", config.pgUrl],
  ] as const) {
    if (url === null) continue;
    const result = await inspectSqlAccount(dialect, url, config.timeoutMs);
    if (!result.ok) console.warn(`[recovery] ${describeSql(url)} could not be inspected: ${result.error}`);
    else if (result.verdict.problems.length > 0) console.error(`[recovery] ${accountRefusalText(result.verdict, describeSql(url))}`);
    else console.log(`[recovery] SQL checks on ${describeSql(url)} run as ${result.verdict.user} (read-only)`);
  }
}
