import "server-only";
// The insights figures for the page and the API: check the role, parse the filters, then load and compute (report.ts).
import { requirePermission, type Actor } from "../actor";
import { AppError } from "../errors";
import { now as clockNow } from "../clock";
import { MAX_RANGE_DAYS, parseInsightsQuery, type InsightsQueryInput } from "@/lib/domain/insights/query";
import type { InsightsReport } from "@/lib/domain/insights/types";
import type { Locale } from "@/lib/i18n/locales";
import { computeInsightsFor, insightsTimeZone } from "./report";
import { insightsTranslator } from "./messages";

export async function getInsights(actor: Actor, input: InsightsQueryInput, locale: Locale): Promise<InsightsReport> {
  requirePermission(actor, "insights.view");
  const now = clockNow();
  const timeZone = await insightsTimeZone();
  const parsed = parseInsightsQuery(input, now, timeZone);
  if (!parsed.ok) {
    const t = insightsTranslator(locale); // i18n-translator: t = insights
    const message =
      parsed.problem === "date"
        ? t("errors.date", { field: parsed.field })
        : parsed.problem === "order"
          ? t("errors.order")
          : parsed.problem === "range"
            ? t("errors.range", { days: MAX_RANGE_DAYS })
            : t("errors.severity");
    throw new AppError("validation_failed", message, { [parsed.field]: message });
  }
  return computeInsightsFor(parsed, timeZone, now);
}

export { computeInsightsFor, insightsTimeZone };
