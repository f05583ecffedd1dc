import { StatusMessage } from "@/components/status/status-page";
import { statusLocale } from "@/lib/server/status/locale";
import { statusTranslator } from "@/lib/server/status/texts";

export const dynamic = "force-dynamic";

// The link in every email opens this page; its one button unsubscribes (a POST, so a mail scanner that
// opens links does not unsubscribe anyone). Mail clients use List-Unsubscribe-Post for the same endpoint.
export default async function Page({ searchParams }: { searchParams: Promise<{ lang?: string; token?: string; done?: string }> }) {
  const { lang, token, done } = await searchParams;
  const locale = statusLocale(lang);
  // i18n-translator: t = statuspage
  const t = statusTranslator(locale);
  if (done === "1") return <StatusMessage locale={locale} message={t("page.unsubscribed")} />;
  if (done === "0" || !token) return <StatusMessage locale={locale} message={t("page.unsubscribeFailed")} />;
  return (
    <StatusMessage locale={locale} message={t("page.unsubscribeQuestion")}>
      <form method="post" action={`/api/status/unsubscribe?token=${encodeURIComponent(token)}&lang=${locale}`} className="mb-4">
        <button type="submit" className="rounded bg-slate-900 px-3 py-1 text-white dark:bg-slate-100 dark:text-slate-900">
          {t("page.unsubscribeButton")}
        </button>
      </form>
    </StatusMessage>
  );
}
