import { getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { listContacts } from "@/lib/server/escalations/settings";
import { LanguageForm } from "@/components/settings/language-form";
import { TokenManager } from "@/components/settings/token-manager";
import { ContactsTable } from "@/components/settings/contacts-table";
import { FeatureSettingsSections } from "@/components/settings/feature-sections";
import { SecuritySection } from "@/components/settings/security-section";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/locales";

export const metadata = { title: "Settings" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ linked?: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const saved = (await cookies()).get(LOCALE_COOKIE)?.value;
  const isAdmin = can(actor.role, "settings.manage");
  const contacts = can(actor.role, "contacts.edit") ? await listContacts(actor) : [];
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-xl font-semibold">{t("settings.title")}</h1>
      <section className="panel space-y-2 p-4">
        <h2 className="font-semibold">{t("settings.profile")}</h2>
        <p className="text-sm">
          {actor.label} · {t("settings.role")}: <strong>{t(`roles.${actor.role}`)}</strong>
        </p>
        <LanguageForm current={isLocale(saved) ? saved : "auto"} />
      </section>
      <SecuritySection actor={actor} isAdmin={isAdmin} linked={(await searchParams).linked === "1"} />
      {isAdmin ? (
        <>
          <section className="panel space-y-3 p-4">
            <h2 className="font-semibold">{t("settings.tokens")}</h2>
            <TokenManager />
          </section>
          <section className="panel space-y-3 p-4">
            <h2 className="font-semibold">{t("settings.contacts")}</h2>
            <ContactsTable contacts={contacts} />
          </section>
          <FeatureSettingsSections />
        </>
      ) : (
        <p className="text-sm text-slate-500">{t("settings.adminOnly")}</p>
      )}
    </div>
  );
}
