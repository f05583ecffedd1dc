// The public page's history tooltips are built once per language from a template (history-texts.ts) instead of a
// translator call per bar: they must read exactly as the catalogue's page.dayTitle says, in both languages.
import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import ko from "@/lib/i18n/messages/ko.statuspage.json";
import en from "@/lib/i18n/messages/en.statuspage.json";
import { COMPONENT_STATES } from "@/lib/domain/status/components";
import { historyTexts } from "@/lib/server/status/history-texts";

describe("history tooltips", () => {
  for (const [locale, messages] of [
    ["ko", ko],
    ["en", en],
  ] as const) {
    it(`read as the catalogue says (${locale})`, () => {
      // i18n-translator: t = statuspage
      const t = createTranslator({ locale, messages: { statuspage: messages }, namespace: "statuspage" });
      const texts = historyTexts(locale);
      for (const state of COMPONENT_STATES) {
        expect(texts.state[state]).toBe(t(`state.${state}`));
        for (const date of ["2026-11-29", "2025-01-01"])
          expect(texts.dayTitle(date, state)).toBe(t("page.dayTitle", { date, state: t(`state.${state}`) }));
      }
      expect(texts.dayTitle("2026-11-29", "partial_outage")).toBe(locale === "ko" ? "2026-11-29: 부분 장애" : "2026-11-29: Partial outage");
    });
  }
});
