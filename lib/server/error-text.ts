import "server-only";
// API errors in the asker's language. Throw sites write their message in English (logs, scripts that send no
// language keep reading it); the catalogue apiErrors.* (lib/i18n/messages/{en,ko}.apiErrors.json) holds each
// English template with its translation, so one place turns any known message — the error's and each field's —
// into the reader's language on the way out. The code stays stable; a message not in the catalogue stays English.
import en from "@/lib/i18n/messages/en.apiErrors.json";
import ko from "@/lib/i18n/messages/ko.apiErrors.json";
import koBase from "@/lib/i18n/messages/ko.json";
import { isStatus } from "@/lib/domain/status";
import { isRole } from "@/lib/domain/roles";
import type { Locale } from "@/lib/i18n/locales";

type Key = keyof typeof en;
const CATALOGUE = { en, ko } as const;

// i18n-translator: text = apiErrors
function text(key: Key, locale: Locale): string {
  return CATALOGUE[locale][key];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Each English template as a pattern whose {placeholders} capture the values. */
const PATTERNS = (Object.keys(en) as Key[]).map((key) => {
  const names: string[] = [];
  const source = en[key]
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]);
      return "([\\s\\S]+?)";
    })
    .join("");
  return { key, names, re: new RegExp(`^${source}$`) };
});

/** Values that are ids of a status or a role read as their label (장애가 이미 해결됨 상태입니다). */
function localValue(value: string, locale: Locale): string {
  if (locale !== "ko") return value;
  if (isStatus(value)) return koBase.status[value];
  if (isRole(value)) return koBase.roles[value];
  return value;
}

/** The catalogue's template a message was written from, with its values; null when the catalogue does not know it. */
export function matchCatalogue(message: string): { key: Key; values: Record<string, string> } | null {
  for (const { key, names, re } of PATTERNS) {
    const m = re.exec(message);
    if (m) return { key, values: Object.fromEntries(names.map((name, i) => [name, m[i + 1]])) };
  }
  return null;
}

/** The message in the reader's language when the catalogue knows it; else as written. */
export function localizeMessage(message: string, locale: Locale): string {
  if (locale === "en") return message;
  const known = matchCatalogue(message);
  if (!known) return message;
  return text(known.key, locale).replace(/\{(\w+)\}/g, (all, name: string) =>
    known.values[name] === undefined ? all : localValue(known.values[name], locale),
  );
}
