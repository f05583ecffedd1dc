import { StatusMessage } from "@/components/status/status-page";
import { statusLocale } from "@/lib/server/status/locale";
import { statusTranslator } from "@/lib/server/status/texts";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ lang?: string; error?: string }> }) {
  const { lang, error } = await searchParams;
  const locale = statusLocale(lang);
  // i18n-translator: t = statuspage
  const t = statusTranslator(locale);
  return <StatusMessage locale={locale} message={error ? t("page.subscribeFailed") : t("page.subscribed")} />;
}
