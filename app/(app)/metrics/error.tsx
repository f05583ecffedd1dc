"use client";
import { useTranslations } from "next-intl";

export default function MetricsError({ error, reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("metrics");
  return (
    <div className="panel space-y-2 p-4 text-sm" role="alert">
      <p className="font-medium text-red-700 dark:text-red-400">{t("pageError", { message: error.message })}</p>
      <button type="button" className="btn" onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}
