import "server-only";
// Multi-row INSERTs for the webhook's hot path. Prisma's createMany costs about a millisecond per row
// here (the JS query engine builds and maps every row), which made a 5,000-alert payload take many
// seconds; one INSERT … SELECT from a JSON array per batch is a single statement for the database.
// Values are always one bound parameter (never spliced into the SQL). Stored formats match what Prisma
// writes, so Prisma reads these rows like its own: on SQLite DateTime is ISO text with "+00:00" and Json
// is text; on PostgreSQL timestamp(3) holds UTC and Json is jsonb.
import { randomUUID } from "node:crypto";
import { env, isPostgresUrl } from "../env";
import type { Tx } from "./state-store";

type Kind = "text" | "int" | "time" | "json";
type Value = string | number | Date | null | Record<string, unknown>;

function encode(value: Value, kind: Kind, pg: boolean): unknown {
  if (value === null) return null;
  if (kind === "time") {
    const iso = (value as Date).toISOString();
    return pg ? iso : iso.replace(/Z$/, "+00:00");
  }
  return value;
}

const PG_TYPE: Record<Kind, string> = { text: "text", int: "integer", time: "timestamptz", json: "jsonb" };

/**
 * INSERT the rows in one statement with ONE bound parameter: the rows as a JSON array, unpacked by
 * the database (SQLite json_each, PostgreSQL jsonb_to_recordset). Binding thousands of separate
 * parameters costs more in the client than the INSERT itself costs in the database.
 */
async function insertRows(tx: Tx, table: string, columns: readonly (readonly [string, Kind])[], rows: readonly Value[][]): Promise<void> {
  if (rows.length === 0) return;
  const pg = isPostgresUrl(env().DATABASE_URL);
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(columns.map(([c, kind], i) => [c, encode(row[i], kind, pg)]))));
  const names = columns.map(([c]) => `"${c}"`).join(", ");
  if (pg) {
    const select = columns.map(([c, kind]) => (kind === "time" ? `(x."${c}" AT TIME ZONE 'UTC')` : `x."${c}"`)).join(", ");
    const shape = columns.map(([c, kind]) => `"${c}" ${PG_TYPE[kind]}`).join(", ");
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${names}) SELECT ${select} FROM jsonb_to_recordset($1::jsonb) AS x(${shape})`,
      json,
    );
  } else {
    // json_extract gives objects back as JSON text, which is how Prisma stores Json on SQLite
    const select = columns.map(([c]) => `json_extract(value, '$.${c}')`).join(", ");
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) SELECT ${select} FROM json_each(?)`, json);
  }
}

/**
 * UPDATE the rows matched by their first column (the key), every other column set from the JSON
 * array — one statement with one bound parameter, as insertRows.
 */
async function updateRows(tx: Tx, table: string, columns: readonly (readonly [string, Kind])[], rows: readonly Value[][]): Promise<void> {
  if (rows.length === 0) return;
  const pg = isPostgresUrl(env().DATABASE_URL);
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(columns.map(([c, kind], i) => [c, encode(row[i], kind, pg)]))));
  const [key, ...rest] = columns;
  if (pg) {
    const set = rest.map(([c, kind]) => `"${c}" = ${kind === "time" ? `(x."${c}" AT TIME ZONE 'UTC')` : `x."${c}"`}`).join(", ");
    const shape = columns.map(([c, kind]) => `"${c}" ${PG_TYPE[kind]}`).join(", ");
    await tx.$executeRawUnsafe(
      `UPDATE "${table}" AS t SET ${set} FROM jsonb_to_recordset($1::jsonb) AS x(${shape}) WHERE t."${key[0]}" = x."${key[0]}"`,
      json,
    );
  } else {
    const select = columns.map(([c]) => `json_extract(value, '$.${c}') AS "${c}"`).join(", ");
    const set = rest.map(([c]) => `"${c}" = x."${c}"`).join(", ");
    await tx.$executeRawUnsafe(
      `UPDATE "${table}" SET ${set} FROM (SELECT ${select} FROM json_each(?)) AS x WHERE "${table}"."${key[0]}" = x."${key[0]}"`,
      json,
    );
  }
}

export interface AlertRowInput {
  fingerprint: string;
  incidentId: number | null;
  alertname: string;
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  repeats: number;
  correlationKey: string;
  followUp: string | null;
}

const ALERT_COLUMNS = [
  ["fingerprint", "text"],
  ["incidentId", "int"],
  ["alertname", "text"],
  ["status", "text"],
  ["labels", "json"],
  ["annotations", "json"],
  ["startsAt", "time"],
  ["endsAt", "time"],
  ["firstSeenAt", "time"],
  ["lastSeenAt", "time"],
  ["repeats", "int"],
  ["correlationKey", "text"],
  ["followUp", "text"],
] as const;

const alertValues = (rows: readonly AlertRowInput[]) => rows.map((r) => ALERT_COLUMNS.map(([c]) => r[c]));

export async function insertAlertRows(tx: Tx, rows: readonly AlertRowInput[]): Promise<void> {
  await insertRows(tx, "AlertmanagerAlert", ALERT_COLUMNS, alertValues(rows));
}

/** Rewrite stored alerts (by fingerprint) with every column of the input. */
export async function updateAlertRows(tx: Tx, rows: readonly AlertRowInput[]): Promise<void> {
  await updateRows(tx, "AlertmanagerAlert", ALERT_COLUMNS, alertValues(rows));
}

export interface AuditRowInput {
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date;
}

const AUDIT_COLUMNS = [
  ["id", "text"],
  ["actorId", "text"],
  ["actorLabel", "text"],
  ["action", "text"],
  ["entity", "text"],
  ["entityId", "text"],
  ["before", "json"],
  ["after", "json"],
  ["createdAt", "time"],
] as const;

/** Audit rows written by a machine (no user, no token id). */
export async function insertAuditRows(tx: Tx, rows: readonly AuditRowInput[]): Promise<void> {
  await insertRows(
    tx,
    "AuditLog",
    AUDIT_COLUMNS,
    rows.map((r) => [randomUUID(), null, r.actorLabel, r.action, r.entity, r.entityId, r.before, r.after, r.createdAt]),
  );
}
