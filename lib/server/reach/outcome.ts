import "server-only";
// A link that acknowledged nothing, as an API error in the asker's language: used 409, expired 410-like 409, invalid 404.
import { AppError } from "../errors";
import { reachTranslator } from "./messages";
import type { AckOutcome } from "./ack-links";
import type { Locale } from "@/lib/i18n/locales";

// i18n-translator: t = reach
export function ackOutcomeError(outcome: Exclude<AckOutcome, { state: "acknowledged" | "already" }>, locale: Locale): AppError {
  const t = reachTranslator(locale);
  if (outcome.state === "used") return new AppError("conflict", t("page.used"), undefined, { reason: "used" });
  if (outcome.state === "expired") return new AppError("conflict", t("page.expired"), undefined, { reason: "expired" });
  return new AppError("not_found", t("page.invalid"), undefined, { reason: "invalid" });
}
