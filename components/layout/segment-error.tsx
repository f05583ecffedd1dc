"use client";
// The error boundary of a page segment: the app's header stays, the message says what failed and offers a retry.
import { useTranslations } from "next-intl";

export function SegmentError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("access");
  return (
    <div className="panel max-w-2xl space-y-2 p-6 text-sm" role="alert" data-testid="segment-error">
      <h1 className="text-base font-semibold text-red-700 dark:text-red-400">{t("errorTitle")}</h1>
      <p>{t("errorBody")}</p>
      {error.digest ? <p className="text-xs text-slate-500">{t("errorRef", { digest: error.digest })}</p> : null}
      <button type="button" className="btn" onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}
