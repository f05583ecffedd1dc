import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { forbidden } from "@/lib/server/errors";
import { DeclareForm } from "@/components/incidents/declare-form";

export const metadata = { title: "Declare incident" };

export default async function NewIncidentPage() {
  const actor = await requireActor();
  if (!can(actor.role, "incident.declare")) throw forbidden();
  const t = await getTranslations("declare");
  const locale = (await getLocale()) === "en" ? "en" : "ko";
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <DeclareForm locale={locale} />
    </div>
  );
}
