import "server-only";
// One short-lived connection per probe run (mysql2), read-only use: fixed SQL text, no multi-statements.
import mysql from "mysql2";
import type { Connection as PromiseConnection, RowDataPacket } from "mysql2/promise";
import { parseFlavour, type Row, type ServerFlavour } from "./mysql-analysis";
import type { MysqlTarget, ProbeContext } from "./types";

export interface MysqlSession {
  /** runs one statement with placeholders and returns its rows as plain records */
  rows(sql: string, params?: ReadonlyArray<string | number>): Promise<Row[]>;
  flavour(): Promise<ServerFlavour>;
}

function politeEnd(conn: mysql.Connection): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      conn.destroy();
      resolve();
    }, 300);
    conn.end(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function openMysql(target: MysqlTarget, ctx: ProbeContext): MysqlSession {
  const conn = mysql.createConnection({
    uri: target.url,
    connectTimeout: ctx.timeoutMs,
    multipleStatements: false,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectAttributes: { program_name: "incident-command-diagnostics" },
  });
  // Errors also reach the pending query; without a listener an 'error' event would crash the process.
  conn.on("error", () => undefined);
  // After a timeout the pending query never settles (the runner has answered already): destroy the socket.
  ctx.defer((aborted) => (aborted ? conn.destroy() : politeEnd(conn)));
  ctx.signal.addEventListener("abort", () => conn.destroy(), { once: true });
  const promise: PromiseConnection = conn.promise();
  let flavour: Promise<ServerFlavour> | undefined;
  const session: MysqlSession = {
    async rows(sql, params = []) {
      const [result] = await promise.query<RowDataPacket[]>(sql, [...params]);
      const rows: Row[] = result;
      return rows;
    },
    flavour() {
      flavour ??= session
        .rows("SELECT VERSION() AS version")
        .then((r) => parseFlavour(typeof r[0]?.version === "string" ? r[0].version : ""));
      return flavour;
    },
  };
  return session;
}

/** `SHOW VARIABLES LIKE ...` / `SHOW GLOBAL STATUS LIKE ...` rows as a name → value map. */
export function nameValue(rows: Row[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const name = r.Variable_name;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- SHOW VARIABLES values are strings or numbers
    if (typeof name === "string") out[name] = r.Value === null || r.Value === undefined ? "" : String(r.Value);
  }
  return out;
}
