// Parses the "LATEST DETECTED DEADLOCK" section of SHOW ENGINE INNODB STATUS (MariaDB 10.x and MySQL
// 5.7/8.0 formats). Pure; tested on a real MariaDB dump (reference/captures/innodb_status_after_deadlock.txt).

export interface DeadlockLock {
  /** what the transaction does with this lock in the report */
  role: "holds" | "waits" | "conflicts";
  type: "RECORD" | "TABLE";
  schema: string;
  table: string;
  /** index name for record locks */
  index: string | null;
  /** e.g. "X locks rec but not gap", "X", "IX" */
  mode: string;
  /** the transaction the lock belongs to (for MariaDB's CONFLICTING WITH: the other one) */
  trxId: string | null;
  /** hex of the locked record's first field (usually the index key), e.g. "8000000000000014" */
  firstFieldHex: string | null;
  /** that field read as a signed integer column (InnoDB flips the sign bit): "20"; wrong for unsigned columns */
  firstFieldInt: string | null;
}

export interface DeadlockTransaction {
  /** "(1)" / "(2)" in the report */
  index: number;
  trxId: string;
  activeSeconds: number;
  /** e.g. "starting index read" */
  operation: string | null;
  threadId: number;
  queryId: number | null;
  host: string | null;
  user: string | null;
  /** the statement the transaction was running (earlier statements of the transaction are not shown) */
  query: string;
  locks: DeadlockLock[];
  rolledBack: boolean;
}

export interface DeadlockReport {
  /** server local time of the detection, as printed ("2026-11-24 21:57:14") */
  detectedAt: string | null;
  transactions: DeadlockTransaction[];
  /** index of the transaction InnoDB rolled back, null when the report does not say */
  victimIndex: number | null;
  /** set when InnoDB gave up walking the wait-for graph */
  tooDeep: boolean;
}

const SECTION =
  /(?:^|\n)-+\r?\nLATEST DETECTED DEADLOCK\r?\n-+\r?\n([\s\S]*?)(?=\r?\n-+\r?\n[A-Z][A-Z /&()]+\r?\n-+\r?\n|\r?\n=+\r?\nEND OF INNODB|$)/;
const TRX_HEADER = /^\*\*\* \((\d+)\) TRANSACTION:\s*$/m;

/** Returns null when the server has not seen a deadlock since it started. */
export function parseLatestDeadlock(status: string): DeadlockReport | null {
  const text = status.replace(/\r\n/g, "\n");
  const section = SECTION.exec(text);
  if (!section) return null;
  const body = section[1];
  const detectedAt = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2})/m.exec(body)?.[1] ?? null;

  const parts = body.split(TRX_HEADER);
  // parts: [preamble, "1", block1, "2", block2, ...]
  const transactions: DeadlockTransaction[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const trx = parseTransaction(Number(parts[i]), parts[i + 1]);
    if (trx) transactions.push(trx);
  }
  const victim = /^\*\*\* WE ROLL BACK TRANSACTION \((\d+)\)/m.exec(body);
  const victimIndex = victim ? Number(victim[1]) : null;
  for (const trx of transactions) trx.rolledBack = trx.index === victimIndex;
  return {
    detectedAt,
    transactions,
    victimIndex,
    tooDeep: /TOO DEEP OR LONG SEARCH IN THE LOCK TABLE WAITS-FOR GRAPH/.test(body),
  };
}

function parseTransaction(index: number, block: string): DeadlockTransaction | null {
  const head = /^TRANSACTION (\d+), ACTIVE (?:\(PREPARED\) )?(\d+) sec(?: (.+))?$/m.exec(block);
  const thread = /^(?:MySQL|MariaDB) thread id (\d+), OS thread handle \S+, query id (\d+)(?: (.*))?$/m.exec(block);
  if (!head || !thread) return null;
  const { host, user } = hostAndUser(thread[3] ?? "");

  // The statement: the lines after the thread line up to the first "***" line.
  const afterThread = block.slice(thread.index + thread[0].length).replace(/^\n/, "");
  const stop = afterThread.search(/^\*\*\*/m);
  const query = (stop >= 0 ? afterThread.slice(0, stop) : afterThread).trim();

  return {
    index,
    trxId: head[1],
    activeSeconds: Number(head[2]),
    operation: head[3]?.trim() || null,
    threadId: Number(thread[1]),
    queryId: Number(thread[2]),
    host,
    user,
    query,
    locks: parseLocks(block),
    rolledBack: false,
  };
}

/** "localhost root Updating" → host, user (the rest is the thread state). */
function hostAndUser(rest: string): { host: string | null; user: string | null } {
  const tokens = rest.trim().split(/\s+/).filter(Boolean);
  if (tokens.length < 2) return { host: null, user: null };
  return { host: tokens[0], user: tokens[1] };
}

function parseLocks(block: string): DeadlockLock[] {
  const locks: DeadlockLock[] = [];
  // Sub-headers: MySQL "*** (1) HOLDS THE LOCK(S):" / "*** (1) WAITING FOR THIS LOCK TO BE GRANTED:",
  // MariaDB "*** WAITING FOR THIS LOCK TO BE GRANTED:" / "*** CONFLICTING WITH:".
  const sub = /^\*\*\* (?:\(\d+\) )?(HOLDS THE LOCK\(S\)|WAITING FOR THIS LOCK TO BE GRANTED|CONFLICTING WITH):\s*$/gm;
  const marks: Array<{ role: DeadlockLock["role"]; start: number }> = [];
  for (let m = sub.exec(block); m; m = sub.exec(block)) {
    const role = m[1].startsWith("HOLDS") ? "holds" : m[1].startsWith("WAITING") ? "waits" : "conflicts";
    marks.push({ role, start: m.index + m[0].length });
  }
  marks.forEach((mark, i) => {
    const end = i + 1 < marks.length ? marks[i + 1].start : block.length;
    const chunk = block.slice(mark.start, end);
    const record = /^RECORD LOCKS .*?index (\S+) of table `([^`]+)`\.`([^`]+)`(?: trx id (\d+))? lock[_ ]mode (.+?)\s*$/m.exec(chunk);
    const table = /^TABLE LOCK table `([^`]+)`\.`([^`]+)`(?: trx id (\d+))? lock mode (.+?)\s*$/m.exec(chunk);
    if (record) {
      locks.push({
        role: mark.role,
        type: "RECORD",
        schema: record[2],
        table: record[3],
        index: record[1],
        mode: record[5].replace(/ waiting$/, ""),
        trxId: record[4] ?? null,
        ...firstField(chunk),
      });
    } else if (table) {
      locks.push({
        role: mark.role,
        type: "TABLE",
        schema: table[1],
        table: table[2],
        index: null,
        mode: table[4].replace(/ waiting$/, ""),
        trxId: table[3] ?? null,
        firstFieldHex: null,
        firstFieldInt: null,
      });
    }
  });
  return locks;
}

/** " 0: len 8; hex 8000000000000014; asc ..." → hex and "20" (InnoDB stores signed integers with the sign bit flipped). */
function firstField(chunk: string): { firstFieldHex: string | null; firstFieldInt: string | null } {
  const m = /^ 0: len (\d+); hex ([0-9a-f]+);/m.exec(chunk);
  if (!m) return { firstFieldHex: null, firstFieldInt: null };
  const len = Number(m[1]);
  if (![1, 2, 3, 4, 8].includes(len) || m[2].length !== len * 2) return { firstFieldHex: m[2], firstFieldInt: null };
  const bits = BigInt(len * 8);
  const signBit = 1n << (bits - 1n);
  const unflipped = BigInt(`0x${m[2]}`) ^ signBit;
  const value = unflipped >= signBit ? unflipped - (1n << bits) : unflipped;
  return { firstFieldHex: m[2], firstFieldInt: value.toString() };
}

/** One line: who deadlocked on what, and who was rolled back. */
export function summariseDeadlock(report: DeadlockReport): string {
  const describe = (t: DeadlockTransaction) => `thread ${t.threadId} (trx ${t.trxId}) running "${oneLine(t.query, 80)}"`;
  const [a, b] = report.transactions;
  const victim = report.transactions.find((t) => t.rolledBack);
  const what = a && b ? `${describe(a)} vs ${describe(b)}` : a ? describe(a) : "transactions not parsed";
  const outcome = victim
    ? `; rolled back thread ${victim.threadId} (trx ${victim.trxId})`
    : report.tooDeep
      ? "; wait-for graph too deep"
      : "";
  return `deadlock at ${report.detectedAt ?? "unknown time"}: ${what}${outcome}`;
}

export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
