import "server-only";
// Timeline events store their text in English; the incident room translates the incident's own events
// from their data (components/incidents/timeline-message.tsx). The report's timeline excerpt does the
// same here, in the report's language, so a Korean report does not quote "Declared P1: …".
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import ko from "@/lib/i18n/messages/ko.json";
import en from "@/lib/i18n/messages/en.json";

const MESSAGES = { ko, en } as const;
const STATUSES = ["investigating", "identified", "mitigated", "resolved"];

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

type Translate = (key: string, values?: Record<string, string>) => string;

// One translator per language, built once: a report page may translate hundreds of events. Missing
// keys are noted in `missing` (reset before each event; translation is synchronous).
let missing = false;
const translators = new Map<Locale, Translate>();
function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator({
      locale,
      messages: MESSAGES[locale],
      onError: () => {
        missing = true;
      },
      getMessageFallback: () => "",
    }) as unknown as Translate;
    translators.set(locale, t);
  }
  return t;
}

export function localizedTimelineText(event: { kind: string; message: string; data: unknown }, locale: Locale): string {
  const t = translator(locale);
  missing = false;
  const data = (typeof event.data === "object" && event.data !== null ? event.data : {}) as Data;
  const status = (s: unknown) => (STATUSES.includes(str(s)) ? t(`status.${str(s)}`) : str(s));
  const reason = str(data.reason) ? ` · ${t("timeline.reason", { reason: str(data.reason) })}` : "";
  let text = "";
  switch (event.kind) {
    case "declared":
      if (str(data.title)) text = t("timeline.declared", { severity: str(data.severity), title: str(data.title) });
      break;
    case "status":
      text = t("timeline.status", { from: status(data.from), to: status(data.to) }) + reason;
      break;
    case "resolved":
      text = t("timeline.resolved", { from: status(data.from) }) + reason;
      break;
    case "reopened":
      text = t("timeline.reopened") + reason;
      break;
    case "severity":
      text = t("timeline.severity", { from: str(data.from), to: str(data.to) }) + reason;
      break;
    case "commander":
      if (!data.to) text = t("timeline.commanderNone");
      else if (str(data.name)) text = t("timeline.commander", { name: str(data.name) });
      break;
  }
  // Anything the messages do not cover (notes, other features' events, older rows) keeps its own text.
  return !missing && text ? text : event.message;
}
