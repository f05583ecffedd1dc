// MariaDB / MySQL half of the read-only account rule (lib/domain/recovery-account.ts): SHOW GRANTS lines
// parsed and judged. Only USAGE, and SELECT / SHOW VIEW on the shop's own databases, pass.
import type { AccountProblem, ProblemKind } from "./recovery-account";

type GrantToken = { kind: "ident" | "string" | "word" | "symbol"; text: string };

function lexGrant(line: string): GrantToken[] | null {
  const tokens: GrantToken[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === "`" || c === "'" || c === '"') {
      let j = i + 1;
      let text = "";
      for (;;) {
        if (j >= line.length) return null;
        if (line[j] === "\\" && c !== "`") {
          text += line[j + 1] ?? "";
          j += 2;
          continue;
        }
        if (line[j] === c) {
          if (line[j + 1] === c) {
            text += c;
            j += 2;
            continue;
          }
          break;
        }
        text += line[j];
        j += 1;
      }
      tokens.push({ kind: c === "'" ? "string" : "ident", text });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z0-9_$]/.test(c)) {
      let j = i + 1;
      while (j < line.length && /[A-Za-z0-9_$]/.test(line[j])) j += 1;
      tokens.push({ kind: "word", text: line.slice(i, j) });
      i = j;
      continue;
    }
    tokens.push({ kind: "symbol", text: c });
    i += 1;
  }
  return tokens;
}

export type ParsedGrant =
  | { type: "roles"; roles: { name: string; host: string | null }[] }
  | { type: "privileges"; privileges: string[]; objectType: string | null; db: string; table: string | null; withGrantOption: boolean }
  | { type: "ignored" }
  | { type: "unreadable" };

const isWord = (t: GrantToken | undefined, word: string) => t?.kind === "word" && t.text.toUpperCase() === word;

/** One line of SHOW GRANTS. Lines that only configure (SET DEFAULT ROLE) are ignored; unknown ones are unreadable. */
export function parseMysqlGrant(line: string): ParsedGrant {
  const tokens = lexGrant(line.trim());
  if (!tokens || tokens.length === 0) return { type: "unreadable" };
  if (isWord(tokens[0], "SET") && isWord(tokens[1], "DEFAULT") && isWord(tokens[2], "ROLE")) return { type: "ignored" };
  if (!isWord(tokens[0], "GRANT")) return { type: "unreadable" };
  // privileges (with optional column lists) up to ON; a role grant reaches TO without an ON
  const privileges: string[] = [];
  let words: string[] = [];
  let k = 1;
  let depth = 0;
  for (; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t.kind === "symbol" && t.text === "(") {
      depth += 1;
      continue;
    }
    if (t.kind === "symbol" && t.text === ")") {
      depth -= 1;
      continue;
    }
    if (depth > 0) continue;
    if (isWord(t, "ON") || isWord(t, "TO")) break;
    if (t.kind === "symbol" && t.text === ",") {
      if (words.length) privileges.push(words.join(" "));
      words = [];
      continue;
    }
    if (t.kind === "ident" || t.kind === "string") {
      words.push(t.text);
      continue;
    }
    if (t.kind === "symbol" && t.text === "@") {
      words.push("@");
      continue;
    }
    words.push(t.text.toUpperCase());
  }
  if (words.length) privileges.push(words.join(" "));
  if (privileges.length === 0 || k >= tokens.length) return { type: "unreadable" };
  if (isWord(tokens[k], "TO")) {
    // MariaDB: GRANT `role` TO …; MySQL 8: GRANT `role`@`%` TO …
    return {
      type: "roles",
      roles: privileges.map((p) => {
        const [name, host] = p.split(" @ ");
        return { name, host: host ?? null };
      }),
    };
  }
  k += 1; // ON
  let objectType: string | null = null;
  if (["FUNCTION", "PROCEDURE", "PACKAGE", "TABLE"].some((w) => isWord(tokens[k], w))) {
    objectType = tokens[k].text.toUpperCase();
    k += 1;
    if (objectType === "PACKAGE" && isWord(tokens[k], "BODY")) {
      objectType = "PACKAGE BODY";
      k += 1;
    }
  }
  if (privileges.some((p) => p === "PROXY")) {
    return {
      type: "privileges",
      privileges,
      objectType: "PROXY",
      db: "*",
      table: null,
      withGrantOption: tokens.some((t, i) => isWord(t, "GRANT") && i > k && isWord(tokens[i + 1], "OPTION")),
    };
  }
  const part = (t: GrantToken | undefined) =>
    t && (t.kind === "ident" || t.kind === "word" || (t.kind === "symbol" && t.text === "*")) ? t.text : null;
  const first = part(tokens[k]);
  if (first === null) return { type: "unreadable" };
  let db = first;
  let table: string;
  k += 1;
  if (tokens[k]?.kind === "symbol" && tokens[k].text === ".") {
    const second = part(tokens[k + 1]);
    if (second === null) return { type: "unreadable" };
    table = second;
    k += 2;
  } else {
    // `GRANT … ON tbl` names a table of the current database; SHOW GRANTS always qualifies, so be strict
    table = db;
    db = "?";
  }
  if (!isWord(tokens[k], "TO")) return { type: "unreadable" };
  const rest = tokens.slice(k);
  const withGrantOption = rest.some((t, i) => isWord(t, "WITH") && isWord(rest[i + 1], "GRANT") && isWord(rest[i + 2], "OPTION"));
  return { type: "privileges", privileges, objectType, db, table, withGrantOption };
}

/** A database name in a grant may be a LIKE pattern (`%`, `_`; `\_` is a literal underscore). */
export function grantDbMatches(pattern: string, name: string): boolean {
  if (pattern === "*") return true;
  let re = "";
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === "\\" && i + 1 < pattern.length) {
      re += pattern[i + 1].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      i += 1;
      continue;
    }
    if (c === "%") re += ".*";
    else if (c === "_") re += ".";
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "i").test(name);
}

const MYSQL_READ = new Set(["SELECT", "SHOW VIEW", "USAGE"]);
const MYSQL_WRITE = new Set([
  "INSERT",
  "UPDATE",
  "DELETE",
  "CREATE",
  "DROP",
  "ALTER",
  "INDEX",
  "CREATE TEMPORARY TABLES",
  "CREATE VIEW",
  "TRIGGER",
  "EVENT",
  "CREATE ROUTINE",
  "ALTER ROUTINE",
  "EXECUTE",
  "LOCK TABLES",
  "REFERENCES",
  "DELETE HISTORY",
  "CREATE TABLESPACE",
]);
const MYSQL_SETTINGS = new Set(["SUPER", "RELOAD", "SHUTDOWN", "SET USER", "SYSTEM_USER", "SET_USER_ID", "SET_ANY_DEFINER"]);
const MYSQL_CREDENTIALS = new Set(["CREATE USER", "CREATE ROLE", "DROP ROLE", "GRANT OPTION", "PROXY"]);
/** Schemas whose tables hold accounts and password hashes. */
const CREDENTIAL_SCHEMAS = ["mysql"];

function targetText(g: Extract<ParsedGrant, { type: "privileges" }>): string {
  if (g.objectType === "PROXY") return "PROXY";
  const q = (name: string) => (name === "*" ? "*" : `\`${name}\``);
  return `${g.objectType ? `${g.objectType} ` : ""}${q(g.db)}${g.table !== null ? `.${q(g.table)}` : ""}`;
}

/** Problems of one parsed grant line (role lines are resolved by the caller and judged on their own grants). */
export function mysqlGrantProblems(g: ParsedGrant, line: string): AccountProblem[] {
  if (g.type === "ignored" || g.type === "roles") return [];
  if (g.type === "unreadable") return [{ kind: "other", detail: `unreadable grant: ${line.replace(/IDENTIFIED .*$/i, "").slice(0, 120)}` }];
  const on = targetText(g);
  const global = g.db === "*";
  const credentialDb = global || CREDENTIAL_SCHEMAS.some((s) => grantDbMatches(g.db, s));
  const problems: AccountProblem[] = [];
  const add = (kind: ProblemKind, privilege: string) => {
    const detail = g.objectType === "PROXY" ? "PROXY (can act as another account)" : `${privilege} ON ${on}`;
    if (!problems.some((p) => p.kind === kind && p.detail === detail)) problems.push({ kind, detail });
  };
  for (const raw of g.privileges) {
    const privilege = raw.replace(/\s+/g, " ").toUpperCase();
    if (privilege === "ALL" || privilege === "ALL PRIVILEGES") {
      add("write", privilege);
      if (global) {
        add("files", privilege);
        add("settings", privilege);
      }
      if (credentialDb) add("credentials", privilege);
      continue;
    }
    if (MYSQL_READ.has(privilege)) {
      if (privilege !== "USAGE" && credentialDb) add("credentials", privilege);
      continue;
    }
    if (privilege === "FILE") add("files", privilege);
    else if (MYSQL_CREDENTIALS.has(privilege)) add("credentials", privilege);
    else if (MYSQL_WRITE.has(privilege)) add("write", privilege);
    else if (MYSQL_SETTINGS.has(privilege) || /(^|[ _])ADMIN$/.test(privilege) || privilege.startsWith("REPLICATION"))
      add("settings", privilege);
    else add("other", privilege);
  }
  if (g.withGrantOption) add("credentials", "GRANT OPTION");
  return problems;
}

export function mysqlAccountProblems(lines: readonly string[]): AccountProblem[] {
  const problems: AccountProblem[] = [];
  for (const line of lines) {
    for (const p of mysqlGrantProblems(parseMysqlGrant(line), line)) {
      if (!problems.some((q) => q.kind === p.kind && q.detail === p.detail)) problems.push(p);
    }
  }
  return problems;
}
