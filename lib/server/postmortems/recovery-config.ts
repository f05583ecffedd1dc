import "server-only";
// Where recovery checks connect: server configuration only, never part of a check definition, so an
// admin-defined check can name a path or a query but never another host (no SSRF, no other database).
// The variables come through lib/server/env.ts (featureEnv) and are validated here.
//
// SQL checks have their own URLs, separate from the diagnostics' MYSQL_URL (whose account needs PROCESS
// for SHOW ENGINE INNODB STATUS): RECOVERY_MYSQL_URL (MariaDB/MySQL) and RECOVERY_PG_URL (PostgreSQL),
// each a dedicated read-only account (README, "Read-only account for recovery checks"). No default: an
// unset URL means the SQL checks for that database report "not configured" instead of running as root.
import { z } from "zod";
import { featureEnv } from "../env";
import type { SqlDatabase } from "@/lib/domain/recovery-checks";

const schema = z.object({
  ACTUATOR_URL: z
    .url({ protocol: /^https?$/, error: "ACTUATOR_URL must be an http(s) URL, e.g. http://127.0.0.1:8080." })
    .default("http://127.0.0.1:8080"),
  RECOVERY_MYSQL_URL: z
    .string()
    .regex(/^mysql:\/\//, "RECOVERY_MYSQL_URL must be a mysql:// URL, e.g. mysql://ic_checks:secret@127.0.0.1:3306/shop.")
    .optional(),
  RECOVERY_PG_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "RECOVERY_PG_URL must be a postgresql:// URL, e.g. postgresql://ic_checks:secret@127.0.0.1:5432/shop.")
    .optional(),
  RECOVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
});

export interface RecoveryConfig {
  actuatorUrl: string;
  /** MariaDB/MySQL for SQL checks (RECOVERY_MYSQL_URL), or null when not configured */
  mysqlUrl: string | null;
  /** PostgreSQL for SQL checks with database "postgresql" (RECOVERY_PG_URL), or null */
  pgUrl: string | null;
  /** per check: HTTP request, SQL connect and statement */
  timeoutMs: number;
}

/** Read on every run (cheap) so tests and operators can point the checks elsewhere without a restart. */
export function recoveryConfig(source: Readonly<Record<string, string | undefined>> = featureEnv()): RecoveryConfig {
  const parsed = schema.parse({
    ACTUATOR_URL: source.ACTUATOR_URL?.trim() || undefined,
    RECOVERY_MYSQL_URL: source.RECOVERY_MYSQL_URL?.trim() || undefined,
    RECOVERY_PG_URL: source.RECOVERY_PG_URL?.trim() || undefined,
    RECOVERY_TIMEOUT_MS: source.RECOVERY_TIMEOUT_MS?.trim() || undefined,
  });
  return {
    actuatorUrl: parsed.ACTUATOR_URL.replace(/\/+$/, ""),
    mysqlUrl: parsed.RECOVERY_MYSQL_URL ?? null,
    pgUrl: parsed.RECOVERY_PG_URL ?? null,
    timeoutMs: parsed.RECOVERY_TIMEOUT_MS,
  };
}

export function sqlUrlFor(config: RecoveryConfig, database: SqlDatabase): string | null {
  return database === "postgresql" ? config.pgUrl : config.mysqlUrl;
}

/** host:port/database of a mysql:// or postgresql:// URL, for display: never the user or password. */
export function describeSql(url: string): string {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === "mysql:" ? "3306" : "5432");
    return `${u.hostname}:${port}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

/** The database name in a SQL URL (for the README's GRANT lines in a refusal message). */
export function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "shop";
  } catch {
    return "shop";
  }
}

/** The actuator base without credentials, for display. */
export function describeHttp(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "(invalid ACTUATOR_URL)";
  }
}
