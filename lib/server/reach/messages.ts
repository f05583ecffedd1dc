import "server-only";
// The reach feature's words for webhook answers and refusals (reach.* in lib/i18n/messages/*.reach.json). These
// messages use plain {name} placeholders only, so a small lookup does; it keeps next-intl's React entry out of the
// webhook handlers (they also run in scripts and benchmarks outside Next.js).
import ko from "@/lib/i18n/messages/ko.reach.json";
import en from "@/lib/i18n/messages/en.reach.json";
import type { Locale } from "@/lib/i18n/locales";

export function reachTranslator(locale: Locale): (key: string, vars?: Record<string, string | number>) => string {
  const messages: unknown = locale === "en" ? en : ko;
  return (key, vars) => {
    const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    if (typeof value !== "string") return key;
    return value.replace(/\{(\w+)\}/g, (match, name: string) => (vars?.[name] !== undefined ? String(vars[name]) : match));
  };
}
