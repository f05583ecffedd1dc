import "server-only";
// Where recovery checks connect: server configuration only, never part of a check definition, so an
// admin-defined check can name a path or a query but never another host (no SSRF, no other database).
// Read here because lib/server/env.ts is shared; these keys belong there when the feature is merged.
import { z } from "zod";

const schema = z.object({
  ACTUATOR_URL: z.url({ protocol: /^https?$/, error: "ACTUATOR_URL must be an http(s) URL, e.g. http://127.0.0.1:8080." }).default("http://127.0.0.1:8080"),
  MYSQL_URL: z
    .string()
    .regex(/^mysql:\/\//, "MYSQL_URL must be a mysql:// URL, e.g. mysql://readonly@127.0.0.1:3306/shop.")
    .default("mysql://root@127.0.0.1:3306/test"),
  RECOVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
});

export interface RecoveryConfig {
  actuatorUrl: string;
  mysqlUrl: string;
  /** per check: HTTP request, SQL connect and statement */
  timeoutMs: number;
}

/** Read on every run (cheap) so tests and operators can point the checks elsewhere without a restart. */
export function recoveryConfig(source: Record<string, string | undefined> = process.env): RecoveryConfig {
  const parsed = schema.parse({
    ACTUATOR_URL: source.ACTUATOR_URL?.trim() || undefined,
    MYSQL_URL: source.MYSQL_URL?.trim() || undefined,
    RECOVERY_TIMEOUT_MS: source.RECOVERY_TIMEOUT_MS?.trim() || undefined,
  });
  return { actuatorUrl: parsed.ACTUATOR_URL.replace(/\/+$/, ""), mysqlUrl: parsed.MYSQL_URL, timeoutMs: parsed.RECOVERY_TIMEOUT_MS };
}

/** host:port/database of a mysql:// URL, for display: never the user or password. */
export function describeMysql(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "3306"}${u.pathname}`;
  } catch {
    return "(invalid MYSQL_URL)";
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
