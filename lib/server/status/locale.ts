import "server-only";
// The public page's language: ?lang=en|ko, else Korean (the shop's customers' language), whatever the browser says.
import type { Locale } from "@/lib/i18n/locales";

export function statusLocale(lang: string | string[] | undefined | null): Locale {
  return lang === "en" ? "en" : "ko";
}
