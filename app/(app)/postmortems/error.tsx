"use client";
import { useTranslations } from "next-intl";

export default function PostmortemsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("postmortems");
  return (
    <div className="panel space-y-2 p-6 text-sm" role="alert">
      <p className="font-medium text-red-700 dark:text-red-400">{t("loadFailed")}</p>
      <p className="text-slate-500">{error.digest ? t("errorDigest", { digest: error.digest }) : error.message}</p>
      <button type="button" className="btn" onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}
