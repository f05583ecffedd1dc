"use client";
import { useTranslations } from "next-intl";
import { CONTACT_ROLES } from "@/lib/domain/contacts";
import type { AckOutcome } from "@/lib/server/reach/ack-links";

/** Seoul time as the manual counts it, written for the reader's language. */
export function formatAckTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale === "en" ? "en-GB" : "ko-KR", {
    timeZone: "Asia/Seoul",
    dateStyle: "medium",
    timeStyle: "medium",
  });
}

/** What opening the link did, and why when it did nothing. */
export function AckResult({ outcome, locale }: { outcome: AckOutcome; locale: string }) {
  const t = useTranslations();
  const ok = outcome.state === "acknowledged" || outcome.state === "already";
  const role =
    (outcome.state === "acknowledged" || outcome.state === "already") &&
    outcome.role &&
    (CONTACT_ROLES as readonly string[]).includes(outcome.role)
      ? t(`contacts.${outcome.role}`)
      : null;
  const headline =
    outcome.state === "acknowledged"
      ? outcome.purpose === "test"
        ? t("reach.page.testAcknowledged")
        : t("reach.page.acknowledged")
      : outcome.state === "already"
        ? t("reach.page.already")
        : outcome.state === "used"
          ? t("reach.page.used")
          : outcome.state === "expired"
            ? t("reach.page.expired")
            : t("reach.page.invalid");
  return (
    <section
      data-testid="ack-result"
      data-state={outcome.state}
      role="status"
      className={`rounded border p-4 ${ok ? "border-emerald-600 bg-emerald-50 dark:bg-emerald-950" : "border-amber-600 bg-amber-50 dark:bg-amber-950"}`}
    >
      <p className="font-medium">{headline}</p>
      {role && outcome.state !== "used" && outcome.state !== "expired" && outcome.state !== "invalid" && outcome.incidentId !== null && (
        <p className="mt-1 text-sm">{t("reach.page.role", { role, id: outcome.incidentId })}</p>
      )}
      {(outcome.state === "acknowledged" || outcome.state === "already" || outcome.state === "used") && outcome.by && (
        <p className="mt-1 text-sm" data-testid="ack-who">
          {t("reach.page.who", { by: outcome.by, at: formatAckTime(outcome.at, locale) })}
        </p>
      )}
      {outcome.state === "expired" && (
        <p className="mt-1 text-sm">{t("reach.page.expiredAt", { at: formatAckTime(outcome.at, locale) })}</p>
      )}
    </section>
  );
}
