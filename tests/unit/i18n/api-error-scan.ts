// Finds the messages the server's errors carry, for the API-error catalogue test (api-error-texts.test.ts). Reads
// the source text (no TypeScript compiler API in this toolchain) and understands exactly these forms:
//
//   new AppError(code, "message" | `message ${value}`, { field: "message", … }?, …)
//   notFound("What") | notFound(`What ${id}`)          → "What not found."
//   forbidden("message") | forbidden()                 → the default "Your role does not allow this."
//   { error: "message" } | { message: "message" }       → a request schema's own message (files that import zod)
//
// Each ${…} becomes a sample value, so the catalogue's template has to take a {placeholder} there. A message
// bound just above as `const message = "…"` reads as that literal. Any other message (a variable, a translator's
// call) is reported as computed, with its expression, for the test to check against its list of known sources.
import { readFileSync } from "node:fs";
import { relative } from "node:path";

export interface ErrorText {
  file: string;
  line: number;
  /** the message with each ${…} replaced by a sample value */
  sample: string;
  /** as written in the source */
  source: string;
  /** "message" for the error's message, else the field's name */
  part: string;
}

export interface ComputedText {
  file: string;
  line: number;
  /** the expression that builds the message */
  expression: string;
}

const CALL = /\bnew AppError\(|(?<![.\w])notFound\(|(?<![.\w])forbidden\(/g;
const SAMPLE = "x1";
const DEFAULT_FORBIDDEN = "Your role does not allow this.";

/** The top-level arguments of a call whose "(" ends at `start`, as source text, and where the call ends. */
export function splitArguments(text: string, start: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let current = "";
  let i = start;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = skipString(text, i);
      current += text.slice(i, end);
      i = end - 1;
      continue;
    }
    if (c === "`") {
      const end = skipTemplate(text, i);
      current += text.slice(i, end);
      i = end - 1;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) break;
      depth--;
    }
    if (c === "," && depth === 0) {
      args.push(current.trim());
      current = "";
      continue;
    }
    current += c;
  }
  if (current.trim()) args.push(current.trim());
  return { args, end: i };
}

function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}

function skipTemplate(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "`") return i + 1;
    else if (text[i] === "$" && text[i + 1] === "{") i = skipBraces(text, i + 1) - 1;
  }
  return text.length;
}

function skipBraces(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = skipString(text, i) - 1;
    else if (c === "`") i = skipTemplate(text, i) - 1;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The message a literal argument writes, each ${…} as a sample value; null when it is not a literal. */
export function literalText(arg: string): string | null {
  if (/^"(?:[^"\\]|\\.)*"$/.test(arg)) return JSON.parse(arg) as string;
  if (/^'(?:[^'\\]|\\.)*'$/.test(arg)) return JSON.parse(`"${arg.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
  if (arg.startsWith("`") && skipTemplate(arg, 0) === arg.length) {
    let out = "";
    for (let i = 1; i < arg.length - 1; i++) {
      if (arg[i] === "\\") out += arg[++i];
      else if (arg[i] === "$" && arg[i + 1] === "{") {
        i = skipBraces(arg, i + 1) - 1;
        out += SAMPLE;
      } else out += arg[i];
    }
    return out;
  }
  return null;
}

/** `{ field: "message", "a.b": \`…\` }` → its literal values by field; the other values are left out. */
function fieldTexts(arg: string): [string, string][] {
  if (!arg.startsWith("{") || !arg.endsWith("}")) return [];
  const { args } = splitArguments(`${arg.slice(1, -1)})`, 0);
  const out: [string, string][] = [];
  for (const entry of args) {
    const m = /^(\[[^\]]+\]|"[^"]*"|'[^']*'|[\w$]+)\s*:\s*([\s\S]+)$/.exec(entry);
    if (!m) continue;
    const text = literalText(m[2].trim());
    if (text !== null) out.push([m[1].replace(/^["'[]|["'\]]$/g, ""), text]);
  }
  return out;
}

/** `message` bound just above as `const message = "…"` (or a template): that literal's text; else null. */
function boundText(before: string, name: string): string | null {
  if (!/^[\w$]+$/.test(name)) return null;
  const bindings = [...before.matchAll(new RegExp(`\\bconst ${name}\\s*=\\s*`, "g"))];
  const last = bindings.at(-1);
  if (!last) return null;
  const rest = before.slice(last.index + last[0].length);
  const end = rest[0] === "`" ? skipTemplate(rest, 0) : rest[0] === '"' || rest[0] === "'" ? skipString(rest, 0) : 0;
  // only a whole literal: `const message = "…";`, not `"…" + more` nor a condition
  return end > 0 && /^\s*;/.test(rest.slice(end)) ? literalText(rest.slice(0, end)) : null;
}

const SCHEMA_TEXT = /\b(?:error|message):\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`)/g;

export function scanErrorTexts(root: string, files: string[]): { texts: ErrorText[]; computed: ComputedText[] } {
  const texts: ErrorText[] = [];
  const computed: ComputedText[] = [];
  for (const path of files) {
    const file = relative(root, path);
    const source = readFileSync(path, "utf8");
    if (/from "zod"/.test(source)) {
      for (const match of source.matchAll(SCHEMA_TEXT)) {
        const text = literalText(match[1]);
        const line = source.slice(0, match.index).split("\n").length;
        if (text !== null) texts.push({ file, line, sample: text, source: match[1], part: "schema" });
      }
    }
    for (const match of source.matchAll(CALL)) {
      const line = source.slice(0, match.index).split("\n").length;
      const { args } = splitArguments(source, match.index + match[0].length);
      const isAppError = match[0].startsWith("new");
      const isNotFound = match[0].startsWith("notFound");
      // the helpers' own definitions pass their argument through
      if (file === "lib/server/errors.ts" && isAppError) continue;
      if (isNotFound && args.length === 0) continue; // next/navigation's notFound()
      const message = isAppError ? args[1] : args[0];
      if (message === undefined) {
        if (!isAppError && !isNotFound) texts.push({ file, line, sample: DEFAULT_FORBIDDEN, source: "forbidden()", part: "message" });
        continue;
      }
      const text = literalText(message) ?? boundText(source.slice(0, match.index), message);
      if (text === null) computed.push({ file, line, expression: message.replace(/\s+/g, " ") });
      else texts.push({ file, line, sample: isNotFound ? `${text} not found.` : text, source: message, part: "message" });
      if (isAppError && args[2]) {
        for (const [field, fieldText] of fieldTexts(args[2])) texts.push({ file, line, sample: fieldText, source: fieldText, part: field });
      }
    }
  }
  return { texts, computed };
}
