import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { can } from "@/lib/domain/roles";
import { UserManager } from "@/components/settings/user-manager";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  return (
    <div className="max-w-6xl space-y-4">
      <div>
        <a href="/settings" className="text-sm text-slate-500 hover:underline">
          ← {t("settings.title")}
        </a>
        <h1 className="text-xl font-semibold">{t("users.title")}</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("users.subtitle")}</p>
      </div>
      {can(actor.role, "users.manage") ? (
        <UserManager currentUserId={actor.userId} />
      ) : (
        <p className="text-sm text-slate-500">{t("settings.adminOnly")}</p>
      )}
    </div>
  );
}
