// Read-only SQL validator (MySQL / MariaDB, and refusing what PostgreSQL would read differently).
//
// Defence in depth, not the only guard: the database enforces read-only (lib/domain/recovery-account.ts).
// It refuses anything that is not obviously one plain SELECT calling only allow-listed built-in functions,
// and where SQL dialects disagree (comments, quotes, escapes, dollar quotes) it refuses instead of guessing.
import {
  ALLOWED_FUNCTIONS,
  FORBIDDEN_WORDS,
  FUNCTION_FORM_ALLOWED,
  KEYWORDS_BEFORE_PAREN,
  SEQUENCE_ATTRIBUTES,
} from "./read-only-sql-words";

export type ReadOnlySqlCheck = { ok: true } | { ok: false; reason: string };

export const SQL_QUERY_MAX = 5_000;

interface Token {
  kind: "word" | "symbol" | "literal";
  /** upper-cased for words */
  text: string;
}

const WORD_CHAR = /[A-Za-z0-9_$\u0080-\uFFFF]/;
// Unicode spaces, format characters (zero-width, bidi) and control characters other than tab/LF/CR can
// make a query read differently to a person, this tokenizer and the server: refused everywhere.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SUSPICIOUS_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cf}\p{Zl}\p{Zp}]|[^\S\t\n\r ]/u;

type Tokenized = { ok: true; tokens: Token[] } | { ok: false; reason: string };

function tokenize(q: string): Tokenized {
  const tokens: Token[] = [];
  const fail = (reason: string): Tokenized => ({ ok: false, reason });
  let ended = false; // a `;` was seen: only whitespace may follow
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i += 1;
      continue;
    }
    if (ended) return fail("Only one statement is allowed: nothing may follow the `;`.");
    const next = q[i + 1] ?? "";
    if (c === "-" && next === "-") {
      // MySQL treats "--" as a comment only before whitespace; PostgreSQL always does. Refuse the difference.
      const after = q[i + 2];
      if (after !== undefined && !/[ \t\n\r]/.test(after)) return fail("`--` must be followed by a space to be a comment.");
      // Ends at the first CR or LF: PostgreSQL ends it at either, MySQL only at LF; the earlier end
      // scans more text as code, which can only refuse more.
      const eol = q.slice(i).search(/[\r\n]/);
      i = eol === -1 ? q.length : i + eol + 1;
      continue;
    }
    if (c === "#") return fail("`#` comments are not allowed; use `-- `.");
    if (c === "/" && next === "*") {
      const opener = q.slice(i + 2, i + 4);
      if (opener.startsWith("!") || opener.startsWith("+") || /^m!/i.test(opener)) {
        return fail("Executable comments (`/*!`, `/*M!`) and optimizer hints (`/*+`) are not allowed.");
      }
      const end = q.indexOf("*/", i + 2);
      if (end === -1) return fail("Unterminated `/*` comment.");
      // PostgreSQL nests block comments, MySQL does not: a nested opener would end them at different places.
      if (q.slice(i + 2, end).includes("/*")) return fail("Nested `/*` comments are not allowed.");
      i = end + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      for (;;) {
        if (j >= q.length) return fail(`Unterminated ${c === "`" ? "identifier" : "string"} starting at position ${i}.`);
        // Backslash escapes depend on sql_mode (NO_BACKSLASH_ESCAPES), so where a string ends would too.
        if (q[j] === "\\" && c !== "`") return fail("Backslashes in string literals are not allowed (their meaning depends on sql_mode).");
        if (q[j] === c) {
          if (q[j + 1] === c) {
            j += 2;
            continue;
          } // doubled quote = the quote character itself
          break;
        }
        j += 1;
      }
      tokens.push({ kind: "literal", text: q.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (c === ";") {
      ended = true;
      i += 1;
      continue;
    }
    if (c === "\\") return fail("Backslashes outside string literals are not allowed (client commands such as \\G).");
    if (c === "$") return fail("`$` cannot start a word: PostgreSQL reads `$$…$$` as a string and `$1` as a parameter.");
    if (WORD_CHAR.test(c)) {
      let j = i + 1;
      while (j < q.length && WORD_CHAR.test(q[j])) j += 1;
      tokens.push({ kind: "word", text: q.slice(i, j).toUpperCase() });
      i = j;
      continue;
    }
    tokens.push({ kind: "symbol", text: c });
    i += 1;
  }
  return { ok: true, tokens };
}

/** Accepts only a single SELECT (or WITH … SELECT) statement that cannot write, lock or wait. */
export function checkReadOnlySql(query: string): ReadOnlySqlCheck {
  if (query.length > SQL_QUERY_MAX) return { ok: false, reason: `The query is too long (at most ${SQL_QUERY_MAX} characters).` };
  if (SUSPICIOUS_CHAR.test(query)) return { ok: false, reason: "The query contains control, format or non-standard space characters." };
  const t = tokenize(query);
  if (!t.ok) return t;
  const tokens = t.tokens;
  const first = tokens[0];
  if (!first) return { ok: false, reason: "The query is empty." };
  if (first.kind !== "word" || (first.text !== "SELECT" && first.text !== "WITH")) {
    return { ok: false, reason: "The query must start with SELECT or WITH." };
  }
  if (first.text === "WITH" && !tokens.some((tk) => tk.kind === "word" && tk.text === "SELECT")) {
    return { ok: false, reason: "A WITH query must end in a SELECT." };
  }
  let depth = 0;
  // In a WITH query, names before the main (depth 0) SELECT may carry a column list: `WITH n (x) AS (...)`.
  let mainSelectSeen = first.text === "SELECT";
  for (let k = 0; k < tokens.length; k += 1) {
    const tk = tokens[k];
    const next = tokens[k + 1];
    const prev = tokens[k - 1];
    const nextIsParen = next?.kind === "symbol" && next.text === "(";
    if (tk.kind === "symbol") {
      if (tk.text === "(") depth += 1;
      else if (tk.text === ")") depth -= 1;
      continue;
    }
    if (tk.kind === "literal") {
      // `load_file`(…) and "pg_sleep"(…) call the built-in (or a stored function): a quoted name is never a call here.
      if (nextIsParen) return { ok: false, reason: "A quoted name cannot be called as a function in a read-only check." };
      continue;
    }
    if (depth === 0 && tk.text === "SELECT") mainSelectSeen = true;
    if (FORBIDDEN_WORDS.has(tk.text)) {
      if (!(FUNCTION_FORM_ALLOWED.has(tk.text) && nextIsParen)) {
        return {
          ok: false,
          reason: `\`${tk.text}\` is not allowed in a read-only check (quote it with backticks if it is a column name).`,
        };
      }
    }
    if (tk.text === "SHARE" && prev?.kind === "word" && (prev.text === "FOR" || prev.text === "KEY"))
      return { ok: false, reason: "Locking reads (FOR SHARE) are not allowed." };
    if (tk.text === "NEXT" && next?.kind === "word" && next.text === "VALUE")
      return { ok: false, reason: "NEXT VALUE FOR advances a sequence and is not allowed." };
    const qualified = prev?.kind === "symbol" && prev.text === ".";
    if (qualified && SEQUENCE_ATTRIBUTES.has(tk.text))
      return { ok: false, reason: `\`.${tk.text}\` advances or reads a sequence and is not allowed.` };
    if (!nextIsParen) continue;
    if (qualified)
      return { ok: false, reason: `\`${tk.text}(\` is schema-qualified: stored functions are not allowed in a read-only check.` };
    if (KEYWORDS_BEFORE_PAREN.has(tk.text) || ALLOWED_FUNCTIONS.has(tk.text)) continue;
    if (!mainSelectSeen && depth === 0 && isCteColumnList(tokens, k)) continue;
    return {
      ok: false,
      reason: `\`${tk.text}\` is not an allowed function: a read-only check may call only built-in functions such as COUNT, SUM, COALESCE, CONCAT, DATE_ADD or EXTRACT.`,
    };
  }
  return { ok: true };
}

/** `name (cols) AS (` right after WITH, RECURSIVE or a comma: a CTE's column list, not a call. */
function isCteColumnList(tokens: Token[], k: number): boolean {
  const prev = tokens[k - 1];
  const afterWith =
    prev?.kind === "word" ? prev.text === "WITH" || prev.text === "RECURSIVE" : prev?.kind === "symbol" && prev.text === ",";
  if (!afterWith) return false;
  let depth = 0;
  for (let j = k + 1; j < tokens.length; j += 1) {
    const tk = tokens[j];
    if (tk.kind !== "symbol") {
      // only a list of plain names inside
      if (tk.kind === "word" || tk.text.startsWith('"') || tk.text.startsWith("`")) continue;
      return false;
    }
    if (tk.text === "(") depth += 1;
    else if (tk.text === ")") {
      depth -= 1;
      if (depth === 0) {
        const after = tokens[j + 1];
        return after?.kind === "word" && after.text === "AS";
      }
    } else if (tk.text !== ",") return false;
    if (depth > 1) return false;
  }
  return false;
}

export function isReadOnlySql(query: string): boolean {
  return checkReadOnlySql(query).ok;
}
