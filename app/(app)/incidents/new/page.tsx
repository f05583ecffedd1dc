import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/lib/i18n/locales";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { DeclareForm } from "@/components/incidents/declare-form";
import { Forbidden } from "@/components/layout/forbidden";
import { listComponents } from "@/lib/server/status/components";

export const metadata = { title: "Declare incident" };

export default async function NewIncidentPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  if (!can(actor.role, "incident.declare")) return <Forbidden permission="incident.declare" what={t("declare.title")} />;
  const locale = toLocale(await getLocale());
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold">{t("declare.title")}</h1>
      <DeclareForm locale={locale} components={(await listComponents()).map((c) => ({ id: c.id, nameKo: c.nameKo, nameEn: c.nameEn }))} />
    </div>
  );
}
