import "server-only";
// Set-based row writes for hot paths. A Prisma model query costs far more in the client than in the database
// (the query is compiled and its result mapped in JS: ~0.5–1 ms each, and createMany about a millisecond per
// row), so the writes that every declaration, every page and every 5,000-alert group make go through here:
// one statement per table with ONE bound parameter — the rows as a JSON array, unpacked by the database
// (SQLite json_each, PostgreSQL jsonb_to_recordset). Values are never spliced into the SQL.
// Stored formats match what Prisma writes, so Prisma reads these rows like its own: on SQLite DateTime is
// ISO text with "+00:00", Boolean 0/1 and Json text; on PostgreSQL timestamp(3) holds UTC and Json is jsonb.
// A JSON null in a Json column is stored as SQL NULL, as Prisma stores an omitted optional Json field.
import { randomBytes } from "node:crypto";
import { env, isPostgresUrl } from "./env";
import type { DB } from "./db";

/** The client or a transaction. */
export type RowDb = Pick<DB, "$executeRawUnsafe">;
export type ReturningDb = Pick<DB, "$queryRawUnsafe">;

export type Kind = "text" | "int" | "bool" | "time" | "json";
export type Value = string | number | boolean | Date | null | undefined | Record<string, unknown> | unknown[];
export type Columns = readonly (readonly [name: string, kind: Kind])[];

/** Whether this server's database is PostgreSQL (else SQLite): the two dialects of the statements here. */
export const onPostgres = () => isPostgresUrl(env().DATABASE_URL);

/** A time as the database stores it, for a bound parameter (PostgreSQL: cast it with `::timestamptz AT TIME ZONE 'UTC'`). */
export function timeText(d: Date, pg: boolean): string {
  const iso = d.toISOString();
  return pg ? iso : iso.replace(/Z$/, "+00:00");
}

function encode(value: Value, kind: Kind, pg: boolean): unknown {
  if (value === null || value === undefined) return null;
  return kind === "time" ? timeText(value as Date, pg) : value;
}

const PG_TYPE: Record<Kind, string> = { text: "text", int: "integer", bool: "boolean", time: "timestamptz", json: "jsonb" };

function rowsJson(columns: Columns, rows: readonly (readonly Value[])[], pg: boolean): string {
  return JSON.stringify(rows.map((row) => Object.fromEntries(columns.map(([c, kind], i) => [c, encode(row[i], kind, pg)]))));
}

/** A column of the unpacked JSON row as the table stores it. */
function pgValue(c: string, kind: Kind): string {
  if (kind === "time") return `(x."${c}" AT TIME ZONE 'UTC')`;
  if (kind === "json") return `NULLIF(x."${c}", 'null'::jsonb)`;
  return `x."${c}"`;
}
function sqliteValue(c: string, kind: Kind): string {
  // `->` gives JSON text for any JSON value (a string stays quoted); json_extract gives SQL values (0/1 for booleans)
  if (kind === "json") return `CASE json_type(value, '$.${c}') WHEN 'null' THEN NULL ELSE value -> '$.${c}' END`;
  return `json_extract(value, '$.${c}')`;
}

function insertSql(table: string, columns: Columns, pg: boolean): string {
  const names = columns.map(([c]) => `"${c}"`).join(", ");
  if (pg) {
    const shape = columns.map(([c, kind]) => `"${c}" ${PG_TYPE[kind]}`).join(", ");
    const select = columns.map(([c, kind]) => pgValue(c, kind)).join(", ");
    return `INSERT INTO "${table}" (${names}) SELECT ${select} FROM jsonb_to_recordset($1::jsonb) AS x(${shape})`;
  }
  const select = columns.map(([c, kind]) => sqliteValue(c, kind)).join(", ");
  return `INSERT INTO "${table}" (${names}) SELECT ${select} FROM json_each(?)`;
}

/** INSERT the rows in one statement. */
export async function insertRows(db: RowDb, table: string, columns: Columns, rows: readonly Value[][]): Promise<void> {
  if (rows.length === 0) return;
  const pg = onPostgres();
  await db.$executeRawUnsafe(insertSql(table, columns, pg), rowsJson(columns, rows, pg));
}

/** INSERT one row of a table whose id the database makes (autoincrement); returns that id. */
export async function insertRowReturningId(db: ReturningDb, table: string, columns: Columns, row: readonly Value[]): Promise<number> {
  const pg = onPostgres();
  const sql = `${insertSql(table, columns, pg)} RETURNING "id"`;
  const [created] = await db.$queryRawUnsafe<{ id: number | bigint }[]>(sql, rowsJson(columns, [row], pg));
  return Number(created.id);
}

/** UPDATE the rows matched by their first column (the key), every other column set from the JSON array — one statement. */
export async function updateRows(db: RowDb, table: string, columns: Columns, rows: readonly Value[][]): Promise<void> {
  if (rows.length === 0) return;
  const pg = onPostgres();
  const json = rowsJson(columns, rows, pg);
  const [key, ...rest] = columns;
  if (pg) {
    const set = rest.map(([c, kind]) => `"${c}" = ${pgValue(c, kind)}`).join(", ");
    const shape = columns.map(([c, kind]) => `"${c}" ${PG_TYPE[kind]}`).join(", ");
    await db.$executeRawUnsafe(
      `UPDATE "${table}" AS t SET ${set} FROM jsonb_to_recordset($1::jsonb) AS x(${shape}) WHERE t."${key[0]}" = x."${key[0]}"`,
      json,
    );
  } else {
    const select = columns.map(([c, kind]) => `${sqliteValue(c, kind)} AS "${c}"`).join(", ");
    const set = rest.map(([c]) => `"${c}" = x."${c}"`).join(", ");
    await db.$executeRawUnsafe(
      `UPDATE "${table}" SET ${set} FROM (SELECT ${select} FROM json_each(?)) AS x WHERE "${table}"."${key[0]}" = x."${key[0]}"`,
      json,
    );
  }
}

let lastMs = 0;
let counter = 0;

/**
 * An id for a row written here, shaped like Prisma's cuid() ("c", time, counter, random; 25 characters) and
 * increasing within this process, so rows that share a timestamp keep the order they were written in.
 */
export function newRowId(): string {
  const ms = Date.now();
  counter = ms === lastMs ? counter + 1 : 0;
  lastMs = ms;
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`)
    .toString(36)
    .padStart(12, "0")
    .slice(-12);
  return `c${ms.toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${random}`;
}
