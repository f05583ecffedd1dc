import "server-only";
// The words of the request guards (body limits, unsafe text, cross-origin refusals) in the asker's
// language: the saved choice (ic-locale cookie), else Accept-Language, else Korean — as the pages do.
import ko from "@/lib/i18n/messages/ko.security.json";
import en from "@/lib/i18n/messages/en.security.json";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import type { UnsafeTextKind } from "@/lib/domain/safe-text";

const CATALOGUE = { ko, en } as const;

export function requestLocale(headers: Headers): Locale {
  const cookie = headers.get("cookie") ?? "";
  for (const part of cookie.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === LOCALE_COOKIE) {
      const value = decodeURIComponentSafe(rest.join("="));
      if (isLocale(value)) return value;
    }
  }
  return localeFromAcceptLanguage(headers.get("accept-language"));
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

type Catalogue = typeof ko;
type Key = Exclude<keyof Catalogue, "unsafeText"> | `unsafeText.${UnsafeTextKind}`;

// One lookup into the catalogue (security.* in lib/i18n/messages/*.security.json), so that the catalogue
// test (tests/unit/i18n) sees which keys are used.
// i18n-translator: text = security
function text(key: Key, locale: Locale): string {
  const catalogue = CATALOGUE[locale];
  if (key.startsWith("unsafeText.")) return catalogue.unsafeText[key.slice("unsafeText.".length) as UnsafeTextKind];
  return catalogue[key as Exclude<Key, `unsafeText.${string}`>];
}

export const securityMessages = {
  unsafeText: (locale: Locale, field: string, kind: UnsafeTextKind) => fill(text(`unsafeText.${kind}`, locale), { field }),
  bodyTooLarge: (locale: Locale, limitBytes: number) => fill(text("bodyTooLarge", locale), { limit: formatBytes(limitBytes) }),
  crossOrigin: (locale: Locale, origin: string | null) =>
    origin ? fill(text("crossOrigin", locale), { origin }) : text("crossOriginUnknown", locale),
  invalidCursor: (locale: Locale) => text("invalidCursor", locale),
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} B`;
}
