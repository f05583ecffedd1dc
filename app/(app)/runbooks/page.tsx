import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/lib/i18n/locales";
import { requireActor } from "@/lib/server/session";
import { listRunbooks } from "@/lib/server/diagnostics/runbook-dto";
import { RunbookList } from "@/components/runbooks/runbook-list";

export const metadata = { title: "Runbooks" };

export default async function RunbooksPage() {
  await requireActor();
  const t = await getTranslations("diagnostics.runbook");
  const locale = toLocale(await getLocale());
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">{t("listTitle")}</h1>
        <p className="text-sm text-slate-500">{t("listIntro")}</p>
      </div>
      <RunbookList items={listRunbooks()} locale={locale} />
    </div>
  );
}
