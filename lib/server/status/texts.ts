import "server-only";
// The status page's words outside React (emails, webhook bodies, feeds) and on the public page, from the same
// catalogues as the page. One translator per language for the process: the catalogue never changes while it
// runs, and the translator's cache keeps each message parsed once instead of once per call.
import { createTranslator } from "use-intl/core";
import ko from "@/lib/i18n/messages/ko.statuspage.json";
import en from "@/lib/i18n/messages/en.statuspage.json";
import type { Locale } from "@/lib/i18n/locales";

const make = (locale: Locale) => createTranslator({ locale, messages: { statuspage: locale === "en" ? en : ko }, namespace: "statuspage" });

const translators = new Map<Locale, ReturnType<typeof make>>();

export function statusTranslator(locale: Locale) {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = make(locale)));
  return t;
}
