// Pure verdicts and row reading for the MySQL/MariaDB probes.
import { oneLine } from "./innodb-status";
import type { ProbeOutcome, Verdict } from "./types";

export type Row = Record<string, unknown>;

export function str(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  if (value instanceof Date) return value.toISOString();
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a column value: a string, number or bigint
  return String(value);
}
export function int(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export interface ServerFlavour {
  mariadb: boolean;
  major: number;
  minor: number;
  version: string;
}
export function parseFlavour(version: string): ServerFlavour {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return { mariadb: /mariadb/i.test(version), major: m ? Number(m[1]) : 0, minor: m ? Number(m[2]) : 0, version };
}
/** MySQL 8.0 removed information_schema.INNODB_LOCKS / INNODB_LOCK_WAITS; MariaDB and MySQL 5.7 have them. */
export function hasInformationSchemaLockWaits(f: ServerFlavour): boolean {
  return f.mariadb || f.major < 8;
}

/** Seconds between two server-local "YYYY-MM-DD HH:MM:SS" times (both from the same server clock). */
export function secondsBetween(earlier: string, later: string): number | null {
  const a = Date.parse(`${earlier.replace(" ", "T")}Z`);
  const b = Date.parse(`${later.replace(" ", "T")}Z`);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((b - a) / 1000) : null;
}

export function formatAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

export interface TransactionInfo {
  trxId: string;
  state: string;
  startedAt: string | null;
  ageSeconds: number;
  threadId: number | null;
  query: string | null;
  rowsLocked: number | null;
  rowsModified: number | null;
  waitStartedAt: string | null;
  command: string | null;
  user: string | null;
  host: string | null;
  /** open transaction with no statement running: the classic blocker left by the application */
  idleInTransaction: boolean;
}

export function transactionsVerdict(list: TransactionInfo[], longSeconds: number): Omit<ProbeOutcome, "data"> {
  if (list.length === 0) return { verdict: "ok", summary: "no open InnoDB transactions" };
  const long = list.filter((t) => t.ageSeconds >= longSeconds);
  const waiting = list.filter((t) => t.state === "LOCK WAIT");
  const oldest = list.reduce((a, b) => (b.ageSeconds > a.ageSeconds ? b : a));
  let verdict: Verdict = "ok";
  if (long.length > 0 || waiting.length > 0) verdict = "warning";
  if (oldest.ageSeconds >= longSeconds * 5) verdict = "critical";
  const parts = [`${list.length} open transaction${list.length === 1 ? "" : "s"}`];
  if (long.length > 0) parts.push(`${long.length} open ≥ ${longSeconds} s`);
  if (waiting.length > 0) parts.push(`${waiting.length} in LOCK WAIT`);
  const what = oldest.idleInTransaction ? "idle in transaction" : oldest.query ? `"${oneLine(oldest.query, 60)}"` : (oldest.state ?? "");
  parts.push(`oldest ${formatAge(oldest.ageSeconds)}: thread ${oldest.threadId ?? "?"} ${what}`);
  return { verdict, summary: parts.join("; ") };
}

export interface LockWaitInfo {
  waitAgeSeconds: number | null;
  lockedTable: string | null;
  lockedIndex: string | null;
  lockMode: string | null;
  waitingTrxId: string | null;
  waitingPid: number | null;
  waitingQuery: string | null;
  blockingTrxId: string | null;
  blockingPid: number | null;
  blockingQuery: string | null;
  blockingCommand: string | null;
  /** KILL <pid> ends the blocker's connection and rolls it back; KILL QUERY would not release an idle holder's locks */
  suggestedKill: string | null;
}

export const LOCK_WAIT_CRITICAL_SECONDS = 20;

export function lockWaitsVerdict(list: LockWaitInfo[]): Omit<ProbeOutcome, "data"> {
  if (list.length === 0) return { verdict: "ok", summary: "no transaction is waiting for a lock" };
  const oldest = list.reduce((a, b) => ((b.waitAgeSeconds ?? 0) > (a.waitAgeSeconds ?? 0) ? b : a));
  const age = oldest.waitAgeSeconds ?? 0;
  const verdict: Verdict = age >= LOCK_WAIT_CRITICAL_SECONDS || list.length >= 5 ? "critical" : "warning";
  const blocker = oldest.blockingQuery
    ? `thread ${oldest.blockingPid} running "${oneLine(oldest.blockingQuery, 50)}"`
    : `thread ${oldest.blockingPid} (idle in transaction)`;
  const kill = oldest.suggestedKill ? `; ${oldest.suggestedKill} releases it` : "";
  return {
    verdict,
    summary: `${list.length} lock wait${list.length === 1 ? "" : "s"}; thread ${oldest.waitingPid} waits ${age} s on ${oldest.lockedTable ?? "?"} for ${blocker}${kill}`,
  };
}

export interface ProcessInfo {
  id: number;
  user: string | null;
  host: string | null;
  db: string | null;
  command: string | null;
  timeSeconds: number;
  state: string | null;
  info: string | null;
}

export interface ConnectionCounts {
  total: number;
  sleeping: number;
  maxConnections: number | null;
}

export const PROCESS_CRITICAL_SECONDS = 60;
export const PROCESS_CRITICAL_COUNT = 10;

export function processlistVerdict(long: ProcessInfo[], thresholdSeconds: number, counts: ConnectionCounts): Omit<ProbeOutcome, "data"> {
  let verdict: Verdict = "ok";
  const parts: string[] = [];
  if (long.length === 0) parts.push(`no query running ≥ ${thresholdSeconds} s`);
  else {
    const top = long[0];
    verdict = top.timeSeconds >= PROCESS_CRITICAL_SECONDS || long.length >= PROCESS_CRITICAL_COUNT ? "critical" : "warning";
    parts.push(
      `${long.length} quer${long.length === 1 ? "y" : "ies"} running ≥ ${thresholdSeconds} s; longest ${top.timeSeconds} s: thread ${top.id} "${oneLine(top.info ?? top.state ?? "", 60)}"`,
    );
  }
  const max = counts.maxConnections;
  parts.push(`${counts.total} connections${max ? ` of max_connections ${max}` : ""} (${counts.sleeping} sleeping)`);
  if (max && counts.total / max >= 0.9) verdict = "critical";
  else if (max && counts.total / max >= 0.8 && verdict === "ok") verdict = "warning";
  return { verdict, summary: parts.join("; ") };
}

export interface IndexInfo {
  name: string;
  unique: boolean;
  columns: string[];
}

/** Groups SHOW INDEX rows (one per column) into indexes with their columns in order. */
export function groupIndexes(rows: Row[]): IndexInfo[] {
  const byName = new Map<string, { unique: boolean; cols: Array<{ seq: number; col: string }> }>();
  for (const r of rows) {
    const name = str(r.Key_name) ?? "?";
    const entry = byName.get(name) ?? { unique: int(r.Non_unique) === 0, cols: [] };
    entry.cols.push({ seq: int(r.Seq_in_index) ?? 0, col: str(r.Column_name) ?? str(r.Expression) ?? "?" });
    byName.set(name, entry);
  }
  return [...byName].map(([name, e]) => ({ name, unique: e.unique, columns: e.cols.sort((a, b) => a.seq - b.seq).map((c) => c.col) }));
}

export function indexVerdict(table: string, indexes: IndexInfo[], expectedColumns: string[]): Omit<ProbeOutcome, "data"> {
  const list = indexes.map((i) => `${i.name}(${i.columns.join(",")})`).join(", ") || "none";
  const missing = expectedColumns.filter((col) => !indexes.some((i) => i.columns[0]?.toLowerCase() === col.toLowerCase()));
  const secondary = indexes.filter((i) => i.name !== "PRIMARY");
  if (missing.length > 0) {
    return {
      verdict: "warning",
      summary: `${table}: no index starts with ${missing.join(", ")} (a WHERE on ${missing.join(", ")} scans the table); indexes: ${list}`,
    };
  }
  if (secondary.length === 0 && expectedColumns.length === 0) {
    return { verdict: "warning", summary: `${table}: only ${indexes.length > 0 ? "the primary key" : "no index"}; indexes: ${list}` };
  }
  return { verdict: "ok", summary: `${table}: ${indexes.length} index${indexes.length === 1 ? "" : "es"}: ${list}` };
}
