import "server-only";
// The 90 day bars of one component on the public page, as one piece of HTML rather than 90 React elements:
// with six components that is 540 elements the server would otherwise render twice per request (the HTML and
// the RSC payload beside it), the largest part of the page's cost while the page is read the most. The markup
// depends only on the component's history and the language, so it is built once per snapshot (5 s, per
// instance) and language. Everything interpolated is escaped; the class names are fixed.
import type { ComponentState } from "@/lib/domain/status/components";
import type { DayBar } from "@/lib/domain/status/history";
import type { Locale } from "@/lib/i18n/locales";
import { historyTexts } from "./history-texts";

export const STATE_BAR_CLASS: Record<ComponentState, string> = {
  operational: "bg-emerald-500",
  degraded_performance: "bg-amber-400",
  partial_outage: "bg-orange-500",
  major_outage: "bg-red-600",
  under_maintenance: "bg-sky-500",
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const built = new WeakMap<readonly DayBar[], Partial<Record<Locale, string>>>();

/** `<span title="2026-11-29: 부분 장애" class="bg-orange-500"></span>` per day, oldest first. */
export function historyBarsHtml(history: readonly DayBar[], locale: Locale): string {
  let byLocale = built.get(history);
  if (!byLocale) built.set(history, (byLocale = {}));
  const hit = byLocale[locale];
  if (hit !== undefined) return hit;
  const texts = historyTexts(locale);
  let html = "";
  for (const d of history)
    html += `<span title="${escapeHtml(texts.dayTitle(d.date, d.state))}" class="${STATE_BAR_CLASS[d.state]}"></span>`;
  byLocale[locale] = html;
  return html;
}
