import "server-only";
// The words of the public page's 90-day history bars, built once per language: the page shows one bar per day
// and component (540 with six components), and a translator call per bar made the page slow under load. The
// state names and the day tooltip's wording are fixed per language; only the date changes from bar to bar,
// so the tooltip is formatted once per state around a marker and the date is put in its place.
import { COMPONENT_STATES, type ComponentState } from "@/lib/domain/status/components";
import type { Locale } from "@/lib/i18n/locales";
import { statusTranslator } from "./texts";

export interface HistoryTexts {
  state: Record<ComponentState, string>;
  /** "2026-11-29: 부분 장애" — the same text as t("page.dayTitle", { date, state }) */
  dayTitle: (date: string, state: ComponentState) => string;
}

// a private-use character: never in a catalogue nor in a date
const DATE_MARK = "\uE000";

function build(locale: Locale): HistoryTexts {
  // i18n-translator: t = statuspage
  const t = statusTranslator(locale);
  const state = Object.fromEntries(COMPONENT_STATES.map((s) => [s, t(`state.${s}`)])) as Record<ComponentState, string>;
  const around = Object.fromEntries(
    COMPONENT_STATES.map((s) => [s, t("page.dayTitle", { date: DATE_MARK, state: state[s] }).split(DATE_MARK)]),
  ) as Record<ComponentState, string[]>;
  return { state, dayTitle: (date, s) => around[s].join(date) };
}

const built = new Map<Locale, HistoryTexts>();

export function historyTexts(locale: Locale): HistoryTexts {
  let texts = built.get(locale);
  if (!texts) built.set(locale, (texts = build(locale)));
  return texts;
}
