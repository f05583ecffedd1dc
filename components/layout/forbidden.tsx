// Shown inside the app's layout when the signed-in role may not use a page (a bookmark, a shared link): says which
// roles may, instead of an error page without navigation.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PERMISSIONS, type Permission } from "@/lib/domain/roles";

export async function Forbidden({
  permission,
  what,
  back,
}: {
  permission: Permission;
  what: string;
  /** where to go instead: the incident list unless the page names a closer one */
  back?: { href: string; label: string };
}) {
  const t = await getTranslations();
  const way = back ?? { href: "/incidents", label: `← ${t("nav.incidents")}` };
  const roles = PERMISSIONS[permission].map((role) => t(`roles.${role}`)).join(", ");
  return (
    <div className="panel max-w-2xl space-y-2 p-6 text-sm" role="alert" data-testid="forbidden">
      <h1 className="text-base font-semibold">{t("access.forbiddenTitle", { what })}</h1>
      <p>{t("access.forbiddenRoles", { roles })}</p>
      <Link className="inline-block text-blue-700 underline dark:text-blue-400" href={way.href}>
        {way.label}
      </Link>
    </div>
  );
}
