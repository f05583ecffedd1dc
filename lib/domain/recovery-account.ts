// The database account that runs SQL recovery checks must be read-only, and the database enforces it:
// the app reads the account's grants (MariaDB/MySQL: SHOW GRANTS; PostgreSQL: role attributes,
// predefined-role membership and object privileges) and refuses to run any check as an account that
// can write, read or write files on the database host, change server settings or read credentials.
// Pure: the server collects the facts (lib/server/postmortems/recovery-account.ts), this judges them.
//
// The rule is an allow-list: on MariaDB/MySQL only USAGE, and SELECT / SHOW VIEW on the shop's own
// databases, pass; every other privilege is a problem, sorted into the kind a person can act on.

export type SqlDialect = "mysql" | "postgresql";
export type ProblemKind = "write" | "files" | "settings" | "credentials" | "other";
export const PROBLEM_KINDS: readonly ProblemKind[] = ["write", "files", "settings", "credentials", "other"];

export interface AccountProblem {
  kind: ProblemKind;
  /** what grants it, e.g. "INSERT ON `shop`.*", "FILE ON *.*", "superuser", "member of pg_read_server_files" */
  detail: string;
}

export interface AccountVerdict {
  dialect: SqlDialect;
  /** the account as the database names it, e.g. ic_checks@% or ic_checks */
  user: string;
  problems: AccountProblem[];
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL: what the server reports about the connected role.

export interface PgAccountFacts {
  user: string;
  superuser: boolean;
  createRole: boolean;
  createDb: boolean;
  replication: boolean;
  bypassRls: boolean;
  /** predefined roles from PG_RISKY_ROLES the account is a member of (directly or through other roles) */
  memberOf: string[];
  /** CREATE on the current database (new schemas) */
  databaseCreate: boolean;
  /** schemas where the account may create objects */
  schemasWithCreate: string[];
  /** tables and views the account may INSERT, UPDATE, DELETE or TRUNCATE (owners may all of these) */
  writableTables: string[];
  /** functions from PG_FILE_FUNCTIONS / PG_SETTINGS_FUNCTIONS the account may execute, as name(args) */
  executableFunctions: string[];
  /** pg_authid, pg_shadow, pg_user_mapping where readable */
  credentialTables: string[];
}

export const PG_RISKY_ROLES: Readonly<Record<string, ProblemKind>> = {
  pg_read_server_files: "files",
  pg_write_server_files: "files",
  pg_execute_server_program: "files",
  pg_signal_backend: "settings",
  pg_checkpoint: "settings",
  pg_write_all_data: "write",
  pg_maintain: "write",
  pg_create_subscription: "write",
  pg_read_all_data: "credentials",
  pg_read_all_settings: "other",
  pg_read_all_stats: "other",
  pg_monitor: "other",
};

export const PG_FILE_FUNCTIONS = [
  "pg_read_file",
  "pg_read_binary_file",
  "pg_stat_file",
  "pg_ls_dir",
  "pg_ls_logdir",
  "pg_ls_waldir",
  "pg_ls_tmpdir",
  "pg_ls_archive_statusdir",
  "lo_import",
  "lo_export",
  "pg_file_write",
  "pg_file_rename",
  "pg_file_unlink",
  "pg_logdir_ls",
];
export const PG_SETTINGS_FUNCTIONS = [
  "pg_reload_conf",
  "pg_rotate_logfile",
  "pg_promote",
  "pg_switch_wal",
  "pg_create_restore_point",
  "pg_backup_start",
  "pg_start_backup",
];

export function pgAccountProblems(f: PgAccountFacts): AccountProblem[] {
  const problems: AccountProblem[] = [];
  if (f.superuser) {
    problems.push(
      { kind: "write", detail: "superuser" },
      { kind: "files", detail: "superuser" },
      { kind: "settings", detail: "superuser" },
      { kind: "credentials", detail: "superuser" },
    );
  }
  if (f.createRole) problems.push({ kind: "credentials", detail: "CREATEROLE" });
  if (f.createDb) problems.push({ kind: "write", detail: "CREATEDB" });
  if (f.replication) problems.push({ kind: "other", detail: "REPLICATION" });
  if (f.bypassRls) problems.push({ kind: "credentials", detail: "BYPASSRLS" });
  for (const role of f.memberOf) problems.push({ kind: PG_RISKY_ROLES[role] ?? "other", detail: `member of ${role}` });
  if (f.databaseCreate) problems.push({ kind: "write", detail: "CREATE ON DATABASE" });
  for (const schema of f.schemasWithCreate) problems.push({ kind: "write", detail: `CREATE ON SCHEMA ${schema}` });
  for (const table of f.writableTables) problems.push({ kind: "write", detail: `INSERT/UPDATE/DELETE/TRUNCATE ON ${table}` });
  for (const fn of f.executableFunctions) {
    const name = fn.replace(/\(.*$/, "");
    problems.push({ kind: PG_SETTINGS_FUNCTIONS.includes(name) ? "settings" : "files", detail: `EXECUTE ON FUNCTION ${fn}` });
  }
  for (const table of f.credentialTables) problems.push({ kind: "credentials", detail: `SELECT ON ${table}` });
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// What to do about it: the README's lines, with the shop's database name filled in.

export function readOnlyAccountSql(dialect: SqlDialect, database: string): string {
  const db = /^[A-Za-z0-9_]+$/.test(database) ? database : "shop";
  if (dialect === "mysql") {
    return [`CREATE USER 'ic_checks'@'%' IDENTIFIED BY '<a long random password>';`, `GRANT SELECT ON ${db}.* TO 'ic_checks'@'%';`].join(
      "\n",
    );
  }
  return [
    `CREATE ROLE ic_checks LOGIN PASSWORD '<a long random password>';`,
    `GRANT CONNECT ON DATABASE ${db} TO ic_checks;`,
    `GRANT USAGE ON SCHEMA public TO ic_checks;`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ic_checks;`,
  ].join("\n");
}

export const ACCOUNT_URL_ENV: Record<SqlDialect, string> = { mysql: "RECOVERY_MYSQL_URL", postgresql: "RECOVERY_PG_URL" };

const KIND_EN: Record<ProblemKind, string> = {
  write: "can write or change data or schema",
  files: "can read or write files on the database host",
  settings: "can change server settings or stop other sessions",
  credentials: "can read or change credentials",
  other: "has privileges a read-only check does not need",
};

/** Problems grouped by kind, in a fixed order, details joined: what the UI and the message show. */
export function groupProblems(problems: readonly AccountProblem[]): { kind: ProblemKind; details: string[] }[] {
  return PROBLEM_KINDS.map((kind) => ({ kind, details: problems.filter((p) => p.kind === kind).map((p) => p.detail) })).filter(
    (g) => g.details.length > 0,
  );
}

/** One English paragraph for the server log and the stored run summary (the UI renders its own, in ko or en). */
export function accountRefusalText(verdict: AccountVerdict, target: string): string {
  const what = groupProblems(verdict.problems).map(
    (g) => `${KIND_EN[g.kind]} (${g.details.slice(0, 4).join(", ")}${g.details.length > 4 ? ", …" : ""})`,
  );
  return `Refused to run SQL checks as ${verdict.user} on ${target}: the account ${what.join("; ")}. Set ${ACCOUNT_URL_ENV[verdict.dialect]} to a dedicated account with SELECT only (README, "Read-only account for recovery checks").`;
}
