import "server-only";
// Reads what the SQL-check account may do, on the very session that will run the check (so what is
// inspected is what runs), and judges it with lib/domain/recovery-account.ts.
import type mysql from "mysql2";
import type { RowDataPacket } from "mysql2/promise";
import type pg from "pg";
import {
  pgAccountProblems,
  PG_FILE_FUNCTIONS,
  PG_RISKY_ROLES,
  PG_SETTINGS_FUNCTIONS,
  type AccountProblem,
  type AccountVerdict,
} from "@/lib/domain/recovery-account";
import { mysqlAccountProblems, parseMysqlGrant } from "@/lib/domain/mysql-grants";

type MysqlSession = ReturnType<mysql.Connection["promise"]>;

const MAX_ROLES = 20;
const quoteIdent = (name: string) => `\`${name.replace(/`/g, "``")}\``;

async function showGrants(db: MysqlSession, sql: string): Promise<string[]> {
  const [rows] = await db.query<RowDataPacket[]>(sql);
  return rows.map((row) => String(Object.values(row)[0] ?? ""));
}

/**
 * SHOW GRANTS of the current account, and of every role granted to it (also roles of roles), default
 * or not: a role can be switched on later. MariaDB shows a role's grants only while it is the current
 * role, so each is switched on in turn and the session's own role is restored afterwards.
 */
export async function inspectMysqlAccount(db: MysqlSession): Promise<AccountVerdict> {
  const [[who]] = await db.query<RowDataPacket[]>("SELECT CURRENT_USER() AS user, CURRENT_ROLE() AS role");
  const currentRole = who?.role === null || who?.role === undefined ? null : String(who.role);
  const lines = await showGrants(db, "SHOW GRANTS FOR CURRENT_USER()");
  const extra: AccountProblem[] = [];
  const seen = new Set<string>();
  const queue = [...lines];
  let switched = false;
  for (let i = 0; i < queue.length; i += 1) {
    const parsed = parseMysqlGrant(queue[i]);
    if (parsed.type !== "roles") continue;
    for (const role of parsed.roles) {
      const key = `${role.name}@${role.host ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > MAX_ROLES) {
        extra.push({ kind: "other", detail: `more than ${MAX_ROLES} roles` });
        break;
      }
      const name = role.host === null ? quoteIdent(role.name) : `${quoteIdent(role.name)}@${quoteIdent(role.host)}`;
      let roleLines: string[] | null;
      try {
        roleLines = await showGrants(db, `SHOW GRANTS FOR ${name}`);
      } catch {
        try {
          // MySQL 8: the current user's grants with the role's privileges expanded
          roleLines = await showGrants(db, `SHOW GRANTS FOR CURRENT_USER() USING ${name}`);
        } catch {
          try {
            // MariaDB: only the current role's grants can be shown
            switched = true;
            await db.query(`SET ROLE ${name}`);
            roleLines = await showGrants(db, `SHOW GRANTS FOR ${name}`);
          } catch {
            roleLines = null;
          }
        }
      }
      if (roleLines === null) extra.push({ kind: "other", detail: `role ${role.name} could not be inspected` });
      else {
        lines.push(...roleLines);
        queue.push(...roleLines);
      }
    }
  }
  if (switched) await db.query(currentRole === null ? "SET ROLE NONE" : `SET ROLE ${quoteIdent(currentRole)}`);
  return { dialect: "mysql", user: String(who?.user ?? "?"), problems: [...mysqlAccountProblems(lines), ...extra] };
}

/** Role attributes, predefined-role membership, CREATE rights, writable relations, file functions, credential tables. */
export async function inspectPgAccount(client: pg.Client): Promise<AccountVerdict> {
  const base = await client.query<{
    user: string;
    rolsuper: boolean;
    rolcreaterole: boolean;
    rolcreatedb: boolean;
    rolreplication: boolean;
    rolbypassrls: boolean;
    db_create: boolean;
  }>(
    `SELECT current_user AS user, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
            has_database_privilege(current_database(), 'CREATE') AS db_create
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const me = base.rows[0];
  if (!me) return { dialect: "postgresql", user: "?", problems: [{ kind: "other", detail: "the role could not be found in pg_roles" }] };
  const members = await client.query<{ rolname: string }>(
    "SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[]) AND pg_has_role(current_user, oid, 'MEMBER') ORDER BY rolname",
    [Object.keys(PG_RISKY_ROLES)],
  );
  const schemas = await client.query<{ name: string }>(
    `SELECT quote_ident(nspname) AS name FROM pg_namespace
      WHERE has_schema_privilege(oid, 'CREATE') AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`,
  );
  const writable = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
        AND ((c.relkind IN ('r', 'p', 'v', 'f', 'm')
              AND (has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE') OR has_any_column_privilege(c.oid, 'INSERT, UPDATE')))
          OR (c.relkind = 'S' AND has_sequence_privilege(c.oid, 'USAGE, UPDATE')))
      ORDER BY 1 LIMIT 20`,
  );
  const functions = await client.query<{ name: string }>(
    "SELECT p.oid::regprocedure::text AS name FROM pg_proc p WHERE p.proname = ANY($1::text[]) AND has_function_privilege(p.oid, 'EXECUTE') ORDER BY 1",
    [[...PG_FILE_FUNCTIONS, ...PG_SETTINGS_FUNCTIONS]],
  );
  const credentials = await client.query<{ name: string }>(
    "SELECT t AS name FROM unnest(ARRAY['pg_catalog.pg_authid', 'pg_catalog.pg_shadow', 'pg_catalog.pg_user_mapping']) t WHERE has_table_privilege(t, 'SELECT')",
  );
  const problems = pgAccountProblems({
    user: me.user,
    superuser: me.rolsuper,
    createRole: me.rolcreaterole,
    createDb: me.rolcreatedb,
    replication: me.rolreplication,
    bypassRls: me.rolbypassrls,
    memberOf: members.rows.map((r) => r.rolname),
    databaseCreate: me.db_create,
    schemasWithCreate: schemas.rows.map((r) => r.name),
    writableTables: writable.rows.map((r) => r.name),
    executableFunctions: functions.rows.map((r) => r.name),
    credentialTables: credentials.rows.map((r) => r.name),
  });
  return { dialect: "postgresql", user: me.user, problems };
}
