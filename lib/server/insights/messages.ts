import "server-only";
// The insights feature's server-side words (refusals of the query, the weekly report) in the reader's language.
import { createTranslator } from "use-intl/core";
import ko from "@/lib/i18n/messages/ko.insights.json";
import en from "@/lib/i18n/messages/en.insights.json";
import type { Locale } from "@/lib/i18n/locales";

const MESSAGES = { ko, en } as const;

export function insightsTranslator(locale: Locale) {
  return createTranslator({ locale, messages: { insights: MESSAGES[locale] }, namespace: "insights" });
}
