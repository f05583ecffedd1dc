import { StatusMessage } from "@/components/status/status-page";
import { statusLocale } from "@/lib/server/status/locale";
import { statusTranslator } from "@/lib/server/status/texts";
import { confirmSubscription } from "@/lib/server/status/subscribers";

export const dynamic = "force-dynamic";

// Opening the signed link from the confirmation email confirms (idempotent: opening it twice is harmless).
export default async function Page({ searchParams }: { searchParams: Promise<{ lang?: string; token?: string }> }) {
  const { lang, token } = await searchParams;
  const locale = statusLocale(lang);
  // i18n-translator: t = statuspage
  const t = statusTranslator(locale);
  const ok = typeof token === "string" && (await confirmSubscription(token));
  return <StatusMessage locale={locale} message={ok ? t("page.confirmed") : t("page.confirmFailed")} />;
}
