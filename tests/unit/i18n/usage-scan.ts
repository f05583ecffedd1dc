// Finds the message keys the code uses, for the catalogue test (catalogues.test.ts). Reads the source
// text (no TypeScript compiler API in this toolchain) and understands exactly these forms:
//
//   const t = useTranslations("ns")            const t = await getTranslations("ns")
//   const t = useTranslations()                const t = await getTranslations({ locale, namespace: "ns" })
//   t("key")  t.rich("key")  t.markup("key")  t.raw("key")  t.has("key")
//   t(cond ? "a" : "b")                        → both keys
//   t(`status.${s}`)                           → the dynamic pattern "status.*" (declared in lib/i18n/dynamic-keys.ts)
//   t(verdict)                                 → the dynamic pattern "ns.*"
//
// A call resolves to the nearest binding of that name above it in the same file. A translator the scan
// cannot see (a wrapper, a parameter, createTranslator) is declared with a comment next to its binding:
//   // i18n-translator: t              (root namespace)
//   // i18n-translator: t = escalations
// Anything else that looks like a translator but cannot be resolved is reported as a problem, never
// skipped silently.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface Location {
  file: string;
  line: number;
}
export interface Usage {
  /** full keys ("escalations.title") → where they are used */
  staticKeys: Map<string, Location[]>;
  /** full key patterns with `*` for each `${…}` ("escalations.delivery.*") → where they are built */
  dynamicPatterns: Map<string, Location[]>;
  /** forms the scan cannot resolve: each names the file and line */
  problems: string[];
}

const SOURCE = /\.(ts|tsx|mts)$/;
const SKIP_DIRS = new Set(["node_modules", "generated", ".next"]);

export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (SKIP_DIRS.has(name) || name.startsWith(".next")) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE.test(name) && !name.endsWith(".d.ts")) out.push(path);
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out.sort();
}

export function scanFiles(root: string, files: string[]): Usage {
  const usage: Usage = { staticKeys: new Map(), dynamicPatterns: new Map(), problems: [] };
  for (const path of files) scanSource(relative(root, path), readFileSync(path, "utf8"), usage);
  return usage;
}

interface Binding {
  name: string;
  namespace: string;
  at: number;
}

/** Scans one file's text into `usage` (exported for the scanner's own tests). */
export function scanSource(file: string, text: string, usage: Usage): void {
  if (!/useTranslations|getTranslations|createTranslator|i18n-translator/.test(text)) return;
  const code = blankComments(text);
  const lineOf = lineIndex(text);
  const where = (at: number): Location => ({ file, line: lineOf(at) });
  const bindings: Binding[] = [];

  // Declared translators (comments are read from the original text).
  for (const m of text.matchAll(/i18n-translator:\s*([A-Za-z_$][\w$]*)\s*(?:=\s*([\w.-]+))?/g)) {
    bindings.push({ name: m[1], namespace: m[2] ?? "", at: m.index });
  }
  // next-intl bindings.
  const bound = new Set<number>();
  const bindingRe =
    /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\s*\(\s*(?:(["'])([^"'`]*)\2|\{([^{}]*)\})?\s*\)/g;
  for (const m of code.matchAll(bindingRe)) {
    bound.add(m.index + m[0].search(/useTranslations|getTranslations/));
    let namespace = m[3] ?? "";
    if (m[4] !== undefined) {
      const ns = /\bnamespace\s*:\s*(["'])([^"'`]*)\1/.exec(m[4]);
      if (!ns && /\bnamespace\b/.test(m[4])) {
        usage.problems.push(`${file}:${lineOf(m.index)}: the translator's namespace is not a string literal`);
        continue;
      }
      namespace = ns?.[2] ?? "";
    }
    bindings.push({ name: m[1], namespace, at: m.index });
  }
  for (const m of code.matchAll(/\b(useTranslations|getTranslations)\s*\(/g)) {
    if (!bound.has(m.index)) {
      usage.problems.push(
        `${file}:${lineOf(m.index)}: ${m[1]}(…) is not bound as \`const t = ${m[1]}("namespace")\`; ` +
          `bind it that way or declare the translator with a comment \`// i18n-translator: <name> = <namespace>\``,
      );
    }
  }
  bindings.sort((a, b) => a.at - b.at);

  const names = [...new Set(bindings.map((b) => b.name))];
  for (const name of names) {
    const callRe = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, "\\$")}(?:\\.(?:rich|markup|raw|has))?\\s*\\(`, "g");
    for (const m of code.matchAll(callRe)) {
      const before = code.slice(Math.max(0, m.index - 12), m.index);
      if (/function\s+$/.test(before)) continue;
      const binding = [...bindings].reverse().find((b) => b.name === name && b.at < m.index);
      if (!binding) continue;
      const arg = readArgument(code, m.index + m[0].length);
      const loc = where(m.index);
      const full = (key: string) => (binding.namespace ? `${binding.namespace}.${key}` : key);
      switch (arg.kind) {
        case "static":
          for (const key of arg.keys) add(usage.staticKeys, full(key), loc);
          break;
        case "pattern":
          add(usage.dynamicPatterns, full(arg.pattern), loc);
          break;
        case "none":
          usage.problems.push(`${file}:${loc.line}: ${name}() is called without a key`);
          break;
        case "unsupported":
          usage.problems.push(
            `${file}:${loc.line}: ${name}(${arg.text.slice(0, 60)}) — the key is neither a literal nor a template ` +
              "with a static part; write it as t(`prefix.${value}`) and declare the pattern in lib/i18n/dynamic-keys.ts",
          );
          break;
      }
    }
  }
}

function add(map: Map<string, Location[]>, key: string, loc: Location) {
  const list = map.get(key) ?? [];
  list.push(loc);
  map.set(key, list);
}

type Argument =
  { kind: "static"; keys: string[] } | { kind: "pattern"; pattern: string } | { kind: "none" } | { kind: "unsupported"; text: string };

/** Reads the first argument of a call whose "(" ends just before `start`. */
export function readArgument(code: string, start: number): Argument {
  let i = start;
  while (/\s/.test(code[i] ?? "")) i++;
  const end = endOfArgument(code, i);
  const text = code.slice(i, end).trim();
  if (text === "") return { kind: "none" };
  const str = /^(["'])((?:\\.|(?!\1).)*)\1$/s.exec(text);
  if (str) return { kind: "static", keys: [unescape(str[2])] };
  if (text.startsWith("`") && text.endsWith("`") && templateEnd(text, 0) === text.length) {
    const parts = templateParts(text);
    if (parts.length === 1) return { kind: "static", keys: [parts[0]] };
    if (parts.join("") === "") return { kind: "unsupported", text };
    return { kind: "pattern", pattern: parts.join("*") };
  }
  const ternary = /^[^?]+\?\s*(["'])((?:\\.|(?!\1).)*)\1\s*:\s*(["'])((?:\\.|(?!\3).)*)\3$/s.exec(text);
  if (ternary) return { kind: "static", keys: [unescape(ternary[2]), unescape(ternary[4])] };
  // A bare value (t(verdict), t(row.role)): any key of the namespace.
  if (/^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*$/.test(text)) return { kind: "pattern", pattern: "*" };
  return { kind: "unsupported", text };
}

const unescape = (s: string) => s.replace(/\\(.)/g, "$1");

/** Index of the top-level "," or ")" that ends the argument starting at `i`. */
function endOfArgument(code: string, i: number): number {
  return closingIndex(code, i, { opens: "([{", closes: ")]}", stopAtComma: true });
}

/**
 * Index of the first top-level closing bracket (or comma, when asked) from `i`: strings and templates are skipped,
 * the brackets in `opens`/`closes` nest.
 */
function closingIndex(code: string, i: number, brackets: { opens: string; closes: string; stopAtComma: boolean }): number {
  let depth = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '"' || c === "'") i = stringEnd(code, i);
    else if (c === "`") i = templateEnd(code, i);
    else {
      if (brackets.opens.includes(c)) depth++;
      else if (brackets.closes.includes(c)) {
        if (depth === 0) return i;
        depth--;
      } else if (brackets.stopAtComma && c === "," && depth === 0) return i;
      i++;
    }
  }
  return i;
}

function stringEnd(code: string, i: number): number {
  const q = code[i];
  i++;
  while (i < code.length && code[i] !== q) i += code[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** Index just after the template literal starting at `i` (nested `${…}` and templates included). */
function templateEnd(code: string, i: number): number {
  i++;
  while (i < code.length && code[i] !== "`") {
    if (code[i] === "\\") i += 2;
    else if (code[i] === "$" && code[i + 1] === "{") i = exprEnd(code, i + 2) + 1;
    else i++;
  }
  return i + 1;
}

/** Index of the "}" closing a `${` whose body starts at `i`. */
function exprEnd(code: string, i: number): number {
  return closingIndex(code, i, { opens: "{", closes: "}", stopAtComma: false });
}

/** The static parts of a template literal: `a.${x}.b` → ["a.", ".b"]. */
function templateParts(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let i = 1;
  while (i < text.length - 1) {
    if (text[i] === "\\") {
      current += text[i + 1];
      i += 2;
    } else if (text[i] === "$" && text[i + 1] === "{") {
      parts.push(current);
      current = "";
      i = exprEnd(text, i + 2) + 1;
    } else current += text[i++];
  }
  parts.push(current);
  return parts;
}

/** The text with comments replaced by spaces (newlines kept, so offsets and lines stay). */
export function blankComments(text: string): string {
  let out = "";
  let i = 0;
  let prev = ""; // last significant character, to tell a regex literal from a division
  while (i < text.length) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      out += " ".repeat(stop - i);
      i = stop;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (c === '"' || c === "'") {
      const stop = stringEnd(text, i);
      out += text.slice(i, stop);
      i = stop;
      prev = c;
    } else if (c === "`") {
      const stop = templateEnd(text, i);
      out += text.slice(i, stop);
      i = stop;
      prev = c;
    } else if (c === "/" && (prev === "" || "(,=:[!&|?{};".includes(prev))) {
      // a regular expression literal: skip it whole (it may contain quotes)
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== "\n") {
        if (text[j] === "\\") j++;
        else if (text[j] === "[") inClass = true;
        else if (text[j] === "]") inClass = false;
        else if (text[j] === "/" && !inClass) break;
        j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
      prev = "/";
    } else {
      out += c;
      if (!/\s/.test(c)) prev = c;
      i++;
    }
  }
  return out;
}

function lineIndex(text: string): (at: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (at) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
