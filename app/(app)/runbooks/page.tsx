import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/lib/i18n/locales";
import { requireActor } from "@/lib/server/session";
import { listRunbooks } from "@/lib/server/diagnostics/runbook-dto";
import { RunbookList } from "@/components/runbooks/runbook-list";
import { PageTitle } from "@/components/layout/page-title";

export const metadata = { title: "Runbooks" };

export default async function RunbooksPage() {
  await requireActor();
  const t = await getTranslations("diagnostics.runbook");
  const locale = toLocale(await getLocale());
  return (
    <div className="space-y-4">
      <PageTitle title={t("listTitle")} intro={t("listIntro")} />
      <RunbookList items={listRunbooks()} locale={locale} />
    </div>
  );
}
