import "server-only";
// Timeline events store their text in English; the incident room translates the incident's own events
// from their data (lib/domain/timeline-text.ts). The report's timeline excerpt does the same here, in
// the report's language, so a Korean report does not quote "Declared P1: …".
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/locales";
import { incidentChangeText, type TimelineTranslate } from "@/lib/domain/timeline-text";
import ko from "@/lib/i18n/messages/ko.json";
import en from "@/lib/i18n/messages/en.json";

const MESSAGES = { ko, en } as const;

// One translator per language, built once: a report page may translate hundreds of events. Missing
// keys are noted in `missing` (reset before each event; translation is synchronous).
let missing = false;
const translators = new Map<Locale, TimelineTranslate>();
function translator(locale: Locale): TimelineTranslate {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator({
      locale,
      messages: MESSAGES[locale],
      onError: () => {
        missing = true;
      },
      getMessageFallback: () => "",
    }) as unknown as TimelineTranslate;
    translators.set(locale, t);
  }
  return t;
}

export function localizedTimelineText(event: { kind: string; message: string; data: unknown }, locale: Locale): string {
  const t = translator(locale); // i18n-translator: t
  missing = false;
  const text = incidentChangeText(event, t);
  // Anything the messages do not cover (notes, other features' events, older rows) keeps its own text.
  return !missing && text ? text : event.message;
}
