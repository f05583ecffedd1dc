import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("postmortems");
  return (
    <div className="panel space-y-2 p-6 text-sm">
      <p className="font-medium">{t("notFound")}</p>
      <Link className="text-blue-700 underline dark:text-blue-400" href="/postmortems">
        {t("backToList")}
      </Link>
    </div>
  );
}
