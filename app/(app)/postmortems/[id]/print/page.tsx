import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { PrintView } from "@/components/postmortems/print-view";
import { PrintButton } from "@/components/postmortems/print-button";
import { loadPostmortem } from "../load";

export const metadata = { title: "Postmortem (print)" };

// On paper only the report: the app's header and these controls are hidden (the layout is shared,
// so the rule lives with the one page that needs it).
const PRINT_CSS =
  "@media print { body > div > header, a[href='#main'] { display: none !important; } body { background: white !important; } main { padding: 0 !important; max-width: none !important; } }";

export default async function PrintPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ locale?: string }>;
}) {
  await requireActor();
  const pm = await loadPostmortem((await params).id);
  const wanted = (await searchParams).locale;
  // Headings in the manual's language unless asked otherwise, like the Markdown export.
  const locale = wanted === "en" || wanted === "ko" ? wanted : "ko";
  const t = await getTranslations("postmortems.print");
  return (
    <div className="space-y-4">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        <Link className="text-blue-700 underline dark:text-blue-400" href={`/postmortems/${pm.id}`}>
          {t("back")}
        </Link>
        <PrintButton />
        <Link className="btn" href={`/postmortems/${pm.id}/print?locale=${locale === "ko" ? "en" : "ko"}`}>
          {t(locale === "ko" ? "inEnglish" : "inKorean")}
        </Link>
        <span className="text-sm text-slate-500">{t("hint")}</span>
      </div>
      <PrintView pm={pm} locale={locale} />
    </div>
  );
}
