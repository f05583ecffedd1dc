// The message catalogues (lib/i18n/messages/{ko,en}[.feature].json) against each other and against the
// code: every key in both languages with the same ICU arguments, every key the code uses present, and
// no key the code does not use. How usage is found: tests/unit/i18n/usage-scan.ts; keys built at run
// time (t(`status.${s}`)) are declared in lib/i18n/dynamic-keys.ts. Each failure lists the exact keys.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, it } from "vitest";
import { DYNAMIC_KEYS } from "@/lib/i18n/dynamic-keys";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { scanFiles, sourceFiles, type Location } from "./usage-scan";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const MESSAGES_DIR = "lib/i18n/messages";
const CODE_DIRS = ["app", "components", "lib"];

interface Catalogue {
  locale: Locale;
  /** "" for the shared file, else the feature name (its namespace) */
  feature: string;
  file: string;
  /** full key → message */
  keys: Map<string, string>;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>, file: string) {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out, file);
  } else throw new Error(`${file}: "${prefix}" is neither a message nor a group of messages`);
}

function loadCatalogues(): Catalogue[] {
  return readdirSync(join(ROOT, MESSAGES_DIR))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const m = /^([a-z]{2})(?:\.([\w-]+))?\.json$/.exec(name);
      if (!m || !(LOCALES as readonly string[]).includes(m[1]))
        throw new Error(`${MESSAGES_DIR}/${name}: expected <locale>[.<feature>].json with locale ${LOCALES.join(" or ")}`);
      const file = `${MESSAGES_DIR}/${name}`;
      const keys = new Map<string, string>();
      flatten(JSON.parse(readFileSync(join(ROOT, file), "utf8")), m[2] ?? "", keys, file);
      return { locale: m[1] as Locale, feature: m[2] ?? "", file, keys };
    });
}

const catalogues = loadCatalogues();
const fileOf = (feature: string, locale: Locale) => `${MESSAGES_DIR}/${locale}${feature ? `.${feature}` : ""}.json`;
const features = [...new Set(catalogues.map((c) => c.feature))];
/** all keys of one language, as next-intl sees them (lib/i18n/request.ts merges the files) */
const byLocale = new Map(LOCALES.map((l) => [l, new Map(catalogues.filter((c) => c.locale === l).flatMap((c) => [...c.keys]))]));
/** which file a key lives in, for the error messages */
const fileOfKey = (key: string) => {
  const feature = features.find((f) => f && (key === f || key.startsWith(`${f}.`))) ?? "";
  return `${MESSAGES_DIR}/{${LOCALES.join(",")}}${feature ? `.${feature}` : ""}.json`;
};
const at = (locs: Location[]) => locs.map((l) => `${l.file}:${l.line}`).join(", ");
/** Fails with the whole list (an Error's message is never shortened the way a diff is). */
function expectNone(title: (count: number) => string, lines: string[]) {
  if (lines.length > 0) throw new Error(`${title(lines.length)}\n  ${lines.join("\n  ")}\n`);
}

describe("message catalogues: Korean and English", () => {
  it("every catalogue file exists in every language and is loaded by lib/i18n/request.ts", () => {
    const problems: string[] = [];
    for (const feature of features) {
      for (const locale of LOCALES) {
        if (!catalogues.some((c) => c.feature === feature && c.locale === locale)) problems.push(`${fileOf(feature, locale)} is missing`);
      }
    }
    const request = readFileSync(join(ROOT, "lib/i18n/request.ts"), "utf8");
    const registered = /FEATURES\s*=\s*\[([^\]]*)\]/.exec(request)?.[1] ?? "";
    const listed = [...registered.matchAll(/["']([\w-]+)["']/g)].map((m) => m[1]);
    for (const feature of features.filter(Boolean)) {
      if (!listed.includes(feature))
        problems.push(`${fileOf(feature, "ko")} is never loaded: add "${feature}" to FEATURES in lib/i18n/request.ts`);
    }
    // A feature's namespace replaces a top-level group of the same name in the shared file.
    const base = catalogues.find((c) => c.feature === "" && c.locale === "ko");
    for (const feature of features.filter(Boolean)) {
      if (base && [...base.keys.keys()].some((k) => k === feature || k.startsWith(`${feature}.`))) {
        problems.push(
          `"${feature}" is both a group in ${fileOf("", "ko")} and the feature file ${fileOf(feature, "ko")}: the file hides the group`,
        );
      }
    }
    expectNone((n) => `${n} catalogue file problem(s):`, problems);
  });

  it("every key exists in both languages", () => {
    const lines: string[] = [];
    for (const feature of features) {
      const [ko, en] = LOCALES.map((l) => catalogues.find((c) => c.feature === feature && c.locale === l));
      if (!ko || !en) continue; // reported above
      for (const [a, b] of [
        [ko, en],
        [en, ko],
      ] as const) {
        for (const key of a.keys.keys()) if (!b.keys.has(key)) lines.push(`${key}: in ${a.file}, missing in ${b.file}`);
      }
    }
    expectNone((n) => `${n} message key(s) exist in one language only (add the translation or delete the key):`, lines);
  });

  it("every message is valid ICU, takes the same arguments in both languages and shows no stray braces", () => {
    const lines: string[] = [];
    const argsOf = new Map<string, Map<Locale, string[]>>();
    for (const c of catalogues) {
      for (const [key, message] of c.keys) {
        let ast;
        try {
          ast = new IntlMessageFormat(message, c.locale).getAst();
        } catch (error) {
          lines.push(`${key} (${c.file}): not valid ICU: ${(error as Error).message}`);
          continue;
        }
        const args = new Set<string>();
        const literals: string[] = [];
        collect(ast, args, literals);
        // ICU reads '{…}' as quoted text, so "'{title}'" shows "{title}" instead of the title.
        if (literals.some((l) => /[{}]/.test(l))) {
          lines.push(
            `${key} (${c.file}): shows a literal brace — an apostrophe right before "{" quotes it in ICU; use ‘…’ or “…” around arguments`,
          );
        }
        const perLocale = argsOf.get(key) ?? new Map();
        perLocale.set(c.locale, [...args].sort());
        argsOf.set(key, perLocale);
      }
    }
    for (const [key, perLocale] of argsOf) {
      const [ko, en] = LOCALES.map((l) => perLocale.get(l));
      if (ko && en && ko.join() !== en.join())
        lines.push(`${key} (${fileOfKey(key)}): arguments differ — ko {${ko.join(", ")}}, en {${en.join(", ")}}`);
    }
    expectNone((n) => `${n} message(s) with ICU problems:`, lines);
  });
});

interface AstNode {
  type: number;
  value?: string;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}
/** Argument names and literal texts of an ICU message (types from @formatjs/icu-messageformat-parser). */
function collect(nodes: AstNode[], args: Set<string>, literals: string[]) {
  for (const n of nodes) {
    if (n.type === 0) literals.push(n.value ?? "");
    else if (n.type >= 1 && n.type <= 6) args.add(n.value ?? "");
    if (n.options) for (const o of Object.values(n.options)) collect(o.value, args, literals);
    if (n.children) collect(n.children, args, literals);
  }
}

describe("message catalogues against the code", () => {
  // app/, components/, lib/ and the root modules next to them (proxy.ts, instrumentation.ts)
  const rootModules = readdirSync(ROOT)
    .filter((f) => /\.(ts|tsx|mts)$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => join(ROOT, f));
  const usage = scanFiles(ROOT, [...sourceFiles(ROOT, CODE_DIRS), ...rootModules]);
  const keyExists = (key: string) => LOCALES.every((l) => byLocale.get(l)!.has(key));
  const missingIn = (key: string) => LOCALES.filter((l) => !byLocale.get(l)!.has(key)).join(" and ");

  it("the scan understands every translator call", () => {
    expectNone((n) => `${n} translator call(s) the scan cannot resolve (tests/unit/i18n/usage-scan.ts):`, usage.problems);
  });

  it("every key built at run time is declared in lib/i18n/dynamic-keys.ts, and every declaration is still built", () => {
    const lines: string[] = [];
    for (const [pattern, locs] of usage.dynamicPatterns) {
      if ((pattern.match(/\*/g) ?? []).length > 1)
        lines.push(`"${pattern}" (${at(locs)}): build the key from one value, e.g. t(\`group.\${a}\`) with a composed value`);
      else if (!(pattern in DYNAMIC_KEYS))
        lines.push(`"${pattern}" (${at(locs)}): add "${pattern}": [the values the \${…} can take] to DYNAMIC_KEYS`);
    }
    for (const pattern of Object.keys(DYNAMIC_KEYS)) {
      if (!usage.dynamicPatterns.has(pattern))
        lines.push(`"${pattern}": declared in DYNAMIC_KEYS but no code builds it any more — remove it`);
    }
    expectNone((n) => `${n} dynamic key pattern(s) to fix in lib/i18n/dynamic-keys.ts:`, lines);
  });

  it("every key the code uses exists in both languages", () => {
    const lines: string[] = [];
    for (const [key, locs] of usage.staticKeys) {
      if (!keyExists(key)) lines.push(`${key} (used at ${at(locs)}): missing in ${missingIn(key)} — ${fileOfKey(key)}`);
    }
    for (const [pattern, values] of Object.entries(DYNAMIC_KEYS)) {
      const locs = usage.dynamicPatterns.get(pattern) ?? [];
      for (const value of values) {
        const key = pattern.replace("*", value);
        if (!keyExists(key))
          lines.push(`${key} (built as "${pattern}" at ${at(locs) || "?"}): missing in ${missingIn(key)} — ${fileOfKey(key)}`);
      }
    }
    expectNone((n) => `${n} key(s) used by the code but missing from the catalogues:`, lines);
  });

  it("every key in the catalogues is used by the code", () => {
    const used = new Set(usage.staticKeys.keys());
    for (const [pattern, values] of Object.entries(DYNAMIC_KEYS)) for (const v of values) used.add(pattern.replace("*", v));
    const all = new Set(LOCALES.flatMap((l) => [...byLocale.get(l)!.keys()]));
    const unused = [...all].filter((k) => !used.has(k)).sort();
    expectNone(
      (n) =>
        `${n} message key(s) are not used by the code. Delete them from both languages — or, if the code does use ` +
        'them, write the key as a literal t("key"), declare a t(`prefix.${x}`) pattern in lib/i18n/dynamic-keys.ts, or mark a ' +
        "translator the scan cannot see with `// i18n-translator: <name> = <namespace>` (see tests/unit/i18n/usage-scan.ts):",
      unused.map((k) => `${k}  (${fileOfKey(k)})`),
    );
  });
});
